//! The `provisions` table: a version's tree stored in document order, read back whole, and clause texts by provision id.

use crate::error::{NotFound, Result};
use crate::structure::{self, Kind, Node};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// Clause texts (heading line and body with sub-provisions) by provision id,
/// loading each version's tree once however many of its clauses are asked for.
pub(crate) struct ClauseTexts<'c> {
    conn: &'c Connection,
    trees: std::cell::RefCell<std::collections::HashMap<i64, Vec<Node>>>,
}

impl<'c> ClauseTexts<'c> {
    pub(crate) fn new(conn: &'c Connection) -> Self {
        ClauseTexts { conn, trees: Default::default() }
    }

    /// The clause text of a provision.
    pub(crate) fn get(&self, provision_id: i64) -> Result<String> {
        let (version_id, eid): (i64, String) =
            self.conn.query_row("SELECT version_id, eid FROM provisions WHERE id = ?1", [provision_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let mut trees = self.trees.borrow_mut();
        let tree = match trees.entry(version_id) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(load_tree(self.conn, version_id)?),
        };
        let node = structure::walk_all(tree).into_iter().find(|n| n.eid == eid).map(crate::align::clause_text);
        node.ok_or_else(|| NotFound::Provision(eid.to_string()).into())
    }
}

/// Stores a version's tree; returns how many provisions were written.
pub(crate) fn insert_tree(tx: &Transaction, version_id: i64, tree: &[Node]) -> Result<usize> {
    let mut stmt = tx.prepare(
        "INSERT INTO provisions (version_id, parent_id, ord, depth, kind, eid, num, num_value, heading, text, is_clause) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    let mut ord = 0i64;
    let mut stack: Vec<(&Node, Option<i64>, i64)> = tree.iter().rev().map(|n| (n, None, 0)).collect();
    while let Some((n, parent, depth)) = stack.pop() {
        stmt.execute(params![
            version_id,
            parent,
            ord,
            depth,
            n.kind.as_str(),
            n.eid,
            n.num,
            n.num_value,
            n.heading,
            n.text,
            n.kind.is_clause()
        ])?;
        let id = tx.last_insert_rowid();
        ord += 1;
        stack.extend(n.children.iter().rev().map(|c| (c, Some(id), depth + 1)));
    }
    Ok(ord as usize)
}

/// A version's provision tree as stored.
pub(crate) fn load_tree(conn: &Connection, version_id: i64) -> Result<Vec<Node>> {
    let mut stmt =
        conn.prepare("SELECT id, parent_id, kind, eid, num, num_value, heading, text FROM provisions WHERE version_id = ?1 ORDER BY ord")?;
    let rows = stmt.query_map([version_id], |r| {
        let kind: String = r.get(2)?;
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Option<i64>>(1)?,
            Node {
                kind: Kind::parse(&kind).unwrap_or(Kind::Text),
                eid: r.get(3)?,
                num: r.get(4)?,
                num_value: r.get(5)?,
                heading: r.get(6)?,
                text: r.get(7)?,
                children: Vec::new(),
            },
        ))
    })?;
    let rows: Vec<(i64, Option<i64>, Node)> = rows.collect::<std::result::Result<_, _>>()?;
    // Rows are in document order (pre-order): rebuild with a stack of open ids.
    let mut roots: Vec<Node> = Vec::new();
    let mut stack: Vec<(i64, Node)> = Vec::new();
    for (id, parent, node) in rows {
        while let Some((top, _)) = stack.last() {
            if Some(*top) == parent {
                break;
            }
            let (_, done) = stack.pop().expect("non-empty");
            match stack.last_mut() {
                Some((_, p)) => p.children.push(done),
                None => roots.push(done),
            }
        }
        stack.push((id, node));
    }
    while let Some((_, done)) = stack.pop() {
        match stack.last_mut() {
            Some((_, p)) => p.children.push(done),
            None => roots.push(done),
        }
    }
    Ok(roots)
}

/// The id of the provision `eid` of a version.
pub(crate) fn id_of(conn: &Connection, version_id: i64, eid: &str) -> Result<i64> {
    Ok(find_id(conn, version_id, eid)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?)
}

/// The id of the provision of `version_id` with this eId, if the version has one.
pub(crate) fn find_id(conn: &Connection, version_id: i64, eid: &str) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT id FROM provisions WHERE version_id = ?1 AND eid = ?2", params![version_id, eid], |r| r.get(0)).optional()?)
}

/// The eId of the provision with this id.
pub(crate) fn eid(conn: &Connection, id: i64) -> Result<String> {
    Ok(conn.query_row("SELECT eid FROM provisions WHERE id = ?1", [id], |r| r.get(0))?)
}

/// The number and heading of a provision.
pub(crate) fn num_heading(conn: &Connection, id: i64) -> Result<(Option<String>, Option<String>)> {
    Ok(conn.query_row("SELECT num, heading FROM provisions WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))?)
}

/// A provision's number, or its eId when it has none.
pub(crate) fn num_or_eid(conn: &Connection, id: i64) -> Result<String> {
    Ok(conn.query_row("SELECT COALESCE(num, eid) FROM provisions WHERE id = ?1", [id], |r| r.get(0))?)
}

/// The number of the version a provision belongs to.
pub(crate) fn version_seq(conn: &Connection, id: i64) -> Result<i64> {
    Ok(conn.query_row("SELECT v.seq FROM provisions p JOIN versions v ON v.id = p.version_id WHERE p.id = ?1", [id], |r| r.get(0))?)
}

/// The clauses of a version by eId: (provision id, lineage).
pub(crate) fn clause_ids(conn: &Connection, version_id: i64) -> Result<std::collections::HashMap<String, (i64, Option<String>)>> {
    let mut stmt = conn.prepare("SELECT eid, id, lineage FROM provisions WHERE version_id = ?1 AND is_clause = 1")?;
    let rows = stmt.query_map([version_id], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
