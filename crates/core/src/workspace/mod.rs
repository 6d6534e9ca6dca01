//! The workspace: the one facade the CLI and the app call.
//!
//! A workspace is a folder holding `draftwatch.db` (SQLite, the source of truth),
//! `sources/<sha256>` (every imported file, byte for byte) and `index/`
//! (derived, rebuildable). A new workspace is seeded with the sample bills of
//! `drafts/`, which are embedded in the binary.
//!
//! One file per concern, each an `impl Workspace` block over the store's SQL
//! (`crate::store`) and the domain modules:
//!
//! | file | what |
//! |---|---|
//! | `import.rs` | importing a file: one transaction, the original kept under `sources/` |
//! | `parse.rs` | reading and structuring a file without a workspace (`diff --files`) |
//! | `seed.rs` | the sample bills of `drafts/` |
//! | `versions.rs` | bills, versions, trees, clauses and diffs between versions |
//! | `history.rs` | a clause's lineage across every version |
//! | `search.rs` | the search index, opened on first use and kept up to date |
//! | `annotations.rs` | annotations, their review, the rights taxonomy, organisations |
//! | `positions.rs` | joint positions, endorsements, scorecards and their exports |
//! | `exchange.rs` | W3C annotations in, Akoma Ntoso out, coalition bundles |

pub use crate::error::{Error, Result};
use crate::search::SearchIndex;
use crate::store;
pub use crate::store::versions::{BillInfo, Provenance, VersionInfo};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

mod annotations;
mod exchange;
mod history;
mod import;
mod lineage;
mod parse;
mod positions;
mod search;
mod seed;
mod versions;

pub use annotations::{ReviewAction, ReviewItem};
pub use history::HistoryStep;
pub use import::{detect_lang, ImportOptions, ImportReport};
pub use parse::{diff_files, parse_bytes, parse_file, Parsed};
pub use search::SearchOptions;

/// Environment variable naming the workspace folder.
pub const WORKSPACE_ENV: &str = "DRAFTWATCH_WORKSPACE";

/// An open workspace.
pub struct Workspace {
    root: PathBuf,
    conn: Connection,
    /// The search index, opened on first use.
    index: Option<SearchIndex>,
}

impl Workspace {
    /// The default folder: `$DRAFTWATCH_WORKSPACE`, else `$XDG_DATA_HOME/draftwatch`,
    /// else `~/.local/share/draftwatch` (the platform data directory elsewhere).
    pub fn default_dir() -> PathBuf {
        if let Some(dir) = std::env::var_os(WORKSPACE_ENV).filter(|d| !d.is_empty()) {
            return PathBuf::from(dir);
        }
        if let Some(dir) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
            return PathBuf::from(dir).join("draftwatch");
        }
        if cfg!(target_os = "windows") {
            if let Some(dir) = std::env::var_os("APPDATA") {
                return PathBuf::from(dir).join("Draftwatch");
            }
        }
        let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
        if cfg!(target_os = "macos") {
            return home.join("Library/Application Support/Draftwatch");
        }
        home.join(".local/share/draftwatch")
    }

    /// Opens the workspace in `dir`, creating it (seeded with the sample bills) if new.
    pub fn open(dir: &Path) -> Result<Workspace> {
        Self::open_with(dir, true)
    }

    /// Opens the workspace; a new one is seeded only when `seed` is true.
    pub fn open_with(dir: &Path, seed: bool) -> Result<Workspace> {
        std::fs::create_dir_all(dir.join("sources"))
            .map_err(|source| Error::Io { what: format!("cannot create the workspace folder {}", dir.display()), source })?;
        let (conn, new) = store::open(&dir.join("draftwatch.db"))?;
        let mut ws = Workspace { root: dir.to_path_buf(), conn, index: None };
        if new && seed {
            ws.seed()?;
        }
        // Versions stored before lineages existed get them now, in one transaction.
        let tx = ws.conn.transaction()?;
        lineage::backfill(&tx)?;
        tx.commit()?;
        Ok(ws)
    }

    /// The workspace folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The database connection (read access for the other modules).
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Today's date (UTC, `YYYY-MM-DD`) by the workspace's clock.
    pub fn today(&self) -> Result<String> {
        let now = store::now(&self.conn)?;
        Ok(now.get(..10).unwrap_or(&now).to_string())
    }

    /// Replaces the clock that dates annotations, replies, positions and their
    /// histories (the system's by default): tests order events with it
    /// instead of waiting.
    pub fn set_clock(&self, clock: store::Clock) -> Result<()> {
        Ok(store::set_clock(&self.conn, Some(clock))?)
    }
}

#[cfg(test)]
pub(crate) mod tests;
