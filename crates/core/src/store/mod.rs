//! Store: SQLite, the source of truth of a workspace.
//!
//! Every connection runs in WAL mode with foreign keys on, `synchronous=NORMAL`
//! and a 5 s busy timeout, so the app and the CLI can share a workspace.
//! Migrations are numbered SQL files embedded at build time; each runs in one
//! transaction together with the `user_version` bump, and a database written by a
//! newer Draftwatch (higher `user_version`) is refused rather than guessed at.

use rusqlite::Connection;

pub mod links;
pub mod organisations;
pub mod provisions;
pub mod versions;
use std::path::Path;

/// The migrations, in order; index + 1 is the schema version they produce.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_lineage.sql"),
    include_str!("migrations/0003_annotations.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

pub use crate::error::StoreError;

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
    set_clock(conn, None)?;
    Ok(())
}

/// A clock: the current time as `YYYY-MM-DDTHH:MM:SS.SSSZ` (UTC).
pub type Clock = Box<dyn FnMut() -> String + Send>;

/// Sets the clock that [`now`] reads on this connection; `None` is the system's.
/// Tests set one to order events without waiting.
pub fn set_clock(conn: &Connection, clock: Option<Clock>) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    let clock = std::sync::Mutex::new(clock);
    // `dw_clock()` is NULL for the system clock: SQLite's own time is used then.
    conn.create_scalar_function("dw_clock", 0, FunctionFlags::SQLITE_UTF8, move |_| {
        let mut clock = clock.lock().unwrap_or_else(|e| e.into_inner());
        Ok(clock.as_mut().map(|c| c()))
    })?;
    Ok(())
}

/// The current time (UTC, to the millisecond) by the connection's clock, for
/// the timestamps of annotations, replies, positions and their histories.
pub(crate) fn now(conn: &Connection) -> rusqlite::Result<String> {
    conn.query_row("SELECT COALESCE(dw_clock(), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))", [], |r| r.get(0))
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
