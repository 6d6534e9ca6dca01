//! Store: SQLite, the source of truth of a workspace.
//!
//! Every connection runs in WAL mode with foreign keys on, `synchronous=NORMAL`
//! and a 5 s busy timeout, so the app and the CLI can share a workspace.
//! Migrations are numbered SQL files embedded at build time; each runs in one
//! transaction together with the `user_version` bump, and a database written by a
//! newer Draftwatch (higher `user_version`) is refused rather than guessed at.

use rusqlite::Connection;
use std::path::Path;

/// The migrations, in order; index + 1 is the schema version they produce.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_lineage.sql"),
    include_str!("migrations/0003_annotations.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// Why the database could not be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite reported an error.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The database was written by a newer Draftwatch.
    #[error(
        "this workspace was written by a newer Draftwatch (schema {found}; this build knows up to {known}); update Draftwatch to open it"
    )]
    NewerSchema {
        /// The database's schema version.
        found: u32,
        /// The newest this build knows.
        known: u32,
    },
    /// A migration failed; nothing of it was applied.
    #[error("could not upgrade the workspace database to schema {version}: {source}")]
    Migration {
        /// The migration that failed.
        version: u32,
        /// Why.
        source: rusqlite::Error,
    },
}

/// Result alias for the store.
pub type Result<T> = std::result::Result<T, StoreError>;

/// Opens (creating if needed) the database at `path` and migrates it.
/// Returns the connection and whether the database was new.
pub fn open(path: &Path) -> Result<(Connection, bool)> {
    let conn = Connection::open(path)?;
    configure(&conn)?;
    let found: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema { found, known: SCHEMA_VERSION });
    }
    let mut conn = conn;
    migrate(&mut conn, found)?;
    Ok((conn, found == 0))
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

fn migrate(conn: &mut Connection, from: u32) -> Result<()> {
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        let version = i as u32 + 1;
        let tx = conn.transaction().map_err(|source| StoreError::Migration { version, source })?;
        tx.execute_batch(sql).map_err(|source| StoreError::Migration { version, source })?;
        tx.pragma_update(None, "user_version", version).map_err(|source| StoreError::Migration { version, source })?;
        tx.commit().map_err(|source| StoreError::Migration { version, source })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_and_refuses_newer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.db");
        let (conn, new) = open(&path).unwrap();
        assert!(new);
        let fk: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
        let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!((fk, mode.as_str()), (1, "wal"));
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
        drop(conn);
        match open(&path) {
            Err(StoreError::NewerSchema { found, known }) => assert_eq!((found, known), (SCHEMA_VERSION + 1, SCHEMA_VERSION)),
            other => panic!("{:?}", other.map(|_| ())),
        }
    }

    #[test]
    fn reopening_is_not_new() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.db");
        drop(open(&path).unwrap());
        let (_, new) = open(&path).unwrap();
        assert!(!new);
    }
}
