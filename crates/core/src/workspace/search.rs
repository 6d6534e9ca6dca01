//! The search index of a workspace: opened on first use, rebuilt when missing or stale, kept up to date after each write.

use super::Workspace;
use crate::error::{Error, Result};
use crate::search::{self, Progress, SearchIndex};
use serde::{Deserialize, Serialize};

/// Filters of a search (the CLI's `search` options).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct SearchOptions {
    /// Only this bill.
    pub bill: Option<String>,
    /// Only this version of `bill` (number, label or `latest`).
    pub version: Option<String>,
    /// Only documents about this right.
    pub right: Option<String>,
    /// Only documents of this organisation.
    pub org: Option<String>,
    /// Only annotations with this status.
    pub status: Option<String>,
    /// Only annotations with this impact.
    pub impact: Option<String>,
    /// Only the newest version of each bill.
    pub latest: bool,
    /// Group hits by clause lineage.
    pub group: bool,
    /// Most hits (default 20).
    pub limit: Option<usize>,
}

impl Workspace {
    /// The search index, opened (and rebuilt or brought up to date from
    /// SQLite if need be, telling `progress`) on first use.
    pub fn index_with(&mut self, progress: &mut dyn FnMut(&Progress)) -> Result<&mut SearchIndex> {
        match &mut self.index {
            Some(idx) => idx.catch_up(&self.conn, progress)?,
            None => self.index = Some(SearchIndex::open(&self.root.join("index"), &self.conn, progress)?),
        }
        Ok(self.index.as_mut().expect("opened above"))
    }

    /// Drops the search index and builds it again from SQLite.
    pub fn rebuild_index(&mut self, progress: &mut dyn FnMut(&Progress)) -> Result<u64> {
        let built_now = self.index.is_none() && !self.root.join("index").join("meta.json").exists();
        self.index_with(progress)?;
        let idx = self.index.as_mut().expect("opened above");
        if !built_now {
            idx.rebuild(&self.conn, progress)?;
        }
        Ok(idx.num_docs())
    }

    /// Searches every clause of every version (and every annotation).
    pub fn search(&mut self, query: &str, opts: &SearchOptions) -> Result<search::Results> {
        let mut req = search::Request {
            query: query.to_string(),
            bill: opts.bill.clone(),
            right: opts.right.clone(),
            org: opts.org.clone(),
            status: opts.status.clone(),
            impact: opts.impact.clone(),
            group: opts.group,
            limit: opts.limit.unwrap_or(20).max(1),
            ..Default::default()
        };
        if let Some(b) = &opts.bill {
            self.bill_id(b)?;
        }
        if let Some(v) = &opts.version {
            let bill =
                opts.bill.as_deref().ok_or_else(|| Error::invalid("version", "--version needs --bill: versions are numbered per bill"))?;
            req.version = Some(self.version_info(bill, v)?.seq);
        }
        if opts.latest {
            req.only_versions = Some(search::latest_versions(&self.conn)?);
        }
        Ok(self.index_with(&mut |_| {})?.search(&req)?)
    }

    /// After a write (an import, an annotation, a bundle): the open index
    /// takes what changed now; an index on disk but not open is brought up to
    /// date as it opens; with no index yet, the first search builds it. A
    /// failure leaves the change in SQLite, and the next search catches up.
    pub(super) fn refresh_index(&mut self) -> Result<()> {
        match &mut self.index {
            Some(idx) => Ok(idx.catch_up(&self.conn, &mut |_| {})?),
            None if self.root.join("index").join("meta.json").exists() => self.index_with(&mut |_| {}).map(|_| ()),
            None => Ok(()),
        }
    }
}
