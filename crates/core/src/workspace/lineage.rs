//! Lineage: the identity of a clause across every version of its bill.
//!
//! When a version is stored, its clauses are aligned with the previous version's
//! (by sequence number) and each clause inherits the lineage id of its
//! predecessor: for a split, the part most like the old clause carries it on and
//! the other parts start new lineages; for a merge, the new clause carries the
//! lineage of the old clause most like it. A clause with no predecessor starts a
//! lineage `<bill>/<seq>/<eid>`. `clause_links` keeps every link with its kind,
//! so a history can show where a lineage split off or merged in.

use crate::align::{align, clause_similarity, clauses, ChangeKind, Clause};
use crate::error::Result;
use crate::store::{self, links};
use rusqlite::Connection;

/// Aligns version `version_id` with the previous version of its bill and stores
/// lineage ids and links. Idempotent for a version whose clauses have lineages.
pub(crate) fn link_version(conn: &Connection, version_id: i64) -> Result<()> {
    let (slug, seq, _, _) = store::versions::describe(conn, version_id)?;
    let new_ids = links::clause_rows(conn, version_id)?;
    let new = clauses(&store::provisions::load_tree(conn, version_id)?);
    let mut lineage: Vec<Option<String>> = vec![None; new.len()];
    let mut found: Vec<(i64, i64, &'static str, bool)> = Vec::new();
    if let Some(prev) = store::versions::previous(conn, version_id)? {
        let old_ids = links::clause_rows(conn, prev)?;
        let old = clauses(&store::provisions::load_tree(conn, prev)?);
        if old_ids.len() == old.len() && new_ids.len() == new.len() {
            for link in align(&old, &new) {
                if matches!(link.kind, ChangeKind::Added | ChangeKind::Deleted) {
                    continue;
                }
                let kind = link.kind.as_str();
                for &o in &link.old {
                    for &n in &link.new {
                        found.push((old_ids[o].0, new_ids[n].0, kind, link.moved));
                    }
                }
                // The pair most alike carries the lineage on.
                let (o, n) = best_pair(&old, &new, &link.old, &link.new);
                lineage[n] = old_ids[o].1.clone();
            }
        }
    }
    let lineages: Vec<(i64, String)> = new_ids
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, lineage[i].clone().unwrap_or_else(|| format!("{slug}/{seq}/{}", new[i].eid))))
        .collect();
    links::set_lineages(conn, &lineages)?;
    links::insert_links(conn, &found)
}

/// Gives lineages to every stored version that has none yet (a workspace from
/// before lineages existed), oldest first within each bill.
pub(crate) fn backfill(conn: &Connection) -> Result<usize> {
    let ids = store::versions::without_lineage(conn)?;
    for &id in &ids {
        link_version(conn, id)?;
    }
    Ok(ids.len())
}

fn best_pair(old: &[Clause], new: &[Clause], os: &[usize], ns: &[usize]) -> (usize, usize) {
    let mut best = (os[0], ns[0], -1.0);
    for &o in os {
        for &n in ns {
            let s = clause_similarity(&old[o], &new[n]);
            if s > best.2 {
                best = (o, n, s);
            }
        }
    }
    (best.0, best.1)
}
