//! The rights taxonomy: the built-in entries of `data/rights.json` (English
//! and Khmer labels, international and constitutional references) and the
//! entries users add, stored in the workspace.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

use crate::error::{Error, Result};

/// One right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Right {
    /// Stable id (`association`).
    pub id: String,
    /// English label.
    pub en: String,
    /// Khmer label.
    pub km: String,
    /// International and constitutional references.
    pub refs: Vec<String>,
    /// Built into Draftwatch (not added by a user).
    #[serde(default)]
    pub builtin: bool,
}

#[derive(Deserialize)]
struct File {
    rights: Vec<Right>,
}

static BUILTIN: LazyLock<Vec<Right>> = LazyLock::new(|| {
    let f: File = serde_json::from_str(include_str!("../../data/rights.json")).expect("data/rights.json is valid (tested)");
    f.rights.into_iter().map(|r| Right { builtin: true, ..r }).collect()
});

/// The built-in rights.
pub fn builtin() -> &'static [Right] {
    &BUILTIN
}

/// Every right: built-in first, then the workspace's own, by id.
pub fn all(conn: &Connection) -> Result<Vec<Right>> {
    let mut out = builtin().to_vec();
    let mut stmt = conn.prepare("SELECT id, label_en, label_km, refs FROM rights ORDER BY id")?;
    let rows = stmt.query_map([], |r| {
        let refs: String = r.get(3)?;
        Ok(Right { id: r.get(0)?, en: r.get(1)?, km: r.get(2)?, refs: serde_json::from_str(&refs).unwrap_or_default(), builtin: false })
    })?;
    for r in rows {
        out.push(r?);
    }
    Ok(out)
}

/// Looks a right up by id.
pub fn find(conn: &Connection, id: &str) -> Result<Option<Right>> {
    if let Some(r) = builtin().iter().find(|r| r.id == id) {
        return Ok(Some(r.clone()));
    }
    Ok(conn
        .query_row("SELECT id, label_en, label_km, refs FROM rights WHERE id = ?1", [id], |r| {
            let refs: String = r.get(3)?;
            Ok(Right { id: r.get(0)?, en: r.get(1)?, km: r.get(2)?, refs: serde_json::from_str(&refs).unwrap_or_default(), builtin: false })
        })
        .optional()?)
}

/// Checks that every id names a right; the error lists the known ones.
pub fn check(conn: &Connection, ids: &[String]) -> Result<()> {
    for id in ids {
        if find(conn, id)?.is_none() {
            let known: Vec<String> = all(conn)?.into_iter().map(|r| r.id).collect();
            return Err(Error::invalid(
                "right",
                format!("\"{id}\" is not a right of the taxonomy; use one of {} (or add it with `draftwatch right add`)", known.join(", ")),
            ));
        }
    }
    Ok(())
}

/// Adds a user entry. Ids are lower-case letters, digits and `_`.
pub fn add(conn: &Connection, r: &Right) -> Result<()> {
    if r.id.is_empty() || !r.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        return Err(Error::invalid("id", format!("a right's id is lower-case letters, digits and _ (like due_process), not \"{}\"", r.id)));
    }
    if r.en.trim().is_empty() {
        return Err(Error::invalid("label", "a right needs an English label"));
    }
    if find(conn, &r.id)?.is_some() {
        return Err(crate::error::Conflict::DuplicateRight(r.id.clone()).into());
    }
    conn.execute(
        "INSERT INTO rights (id, label_en, label_km, refs) VALUES (?1, ?2, ?3, ?4)",
        params![r.id, r.en.trim(), r.km.trim(), serde_json::to_string(&r.refs).expect("strings")],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_taxonomy_is_complete_and_bilingual() {
        let ids: Vec<&str> = builtin().iter().map(|r| r.id.as_str()).collect();
        for id in [
            "expression",
            "association",
            "assembly",
            "information",
            "privacy",
            "participation",
            "non_discrimination",
            "due_process",
            "remedy",
        ] {
            assert!(ids.contains(&id), "{id} missing");
        }
        for r in builtin() {
            assert!(!r.en.is_empty() && r.km.chars().any(crate::text::khmer::is_khmer), "{}", r.id);
            assert!(r.refs.iter().any(|x| x.starts_with("ICCPR") || x.starts_with("UDHR") || x.starts_with("UN ")), "{}", r.id);
        }
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), ids.len(), "ids are unique");
    }
}
