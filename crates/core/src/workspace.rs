//! The workspace: the one facade the CLI and the app call.
//!
//! A workspace is a folder holding `draftwatch.db` (SQLite, the source of truth),
//! `sources/<sha256>` (every imported file, byte for byte) and, later, `index/`
//! (derived, rebuildable). A new workspace is seeded with the sample bills of
//! `drafts/`, which are embedded in the binary.
//!
//! An import is one transaction: the file is read, parsed and checked completely
//! before anything is written; the rows go in one SQLite transaction; the source
//! file is written (to a temporary name, then renamed) inside that transaction's
//! lifetime and removed again if the commit fails. A refused file leaves the
//! workspace exactly as it was.

use crate::diff::report::{ClauseRef, DiffReport, VersionRef};
use crate::error::{Conflict, NotFound};
pub use crate::error::{Error, Result};
use crate::ingest::{self, Content, Format, IngestError};
use crate::search::{self, Progress, SearchIndex};
use crate::store;
use crate::structure::{self, Kind, Node};
use crate::{annotate, positions};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

mod seed {
    include!(concat!(env!("OUT_DIR"), "/seed_files.rs"));
}

/// Environment variable naming the workspace folder.
pub const WORKSPACE_ENV: &str = "DRAFTWATCH_WORKSPACE";

/// Where a version came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "lowercase")]
pub enum Provenance {
    /// Published or handed over by the drafting authority.
    Official,
    /// Obtained unofficially from inside the process.
    Leaked,
    /// A translation of another version.
    Translation,
    /// Anything else (a copy circulated among partners, a retyped text).
    Unofficial,
}

impl Provenance {
    /// Name as stored and printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Provenance::Official => "official",
            Provenance::Leaked => "leaked",
            Provenance::Translation => "translation",
            Provenance::Unofficial => "unofficial",
        }
    }

    /// Parses a name.
    pub fn parse(s: &str) -> Result<Provenance> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "official" => Provenance::Official,
            "leaked" => Provenance::Leaked,
            "translation" => Provenance::Translation,
            "unofficial" => Provenance::Unofficial,
            _ => return Err(Error::invalid("provenance", format!("unknown provenance \"{s}\": use official, leaked, translation or unofficial"))),
        })
    }
}

/// What to import and how to describe it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ImportOptions {
    /// The bill's slug (created if new).
    pub bill: String,
    /// Title for a new bill (default: the document's title, else the slug).
    pub title: Option<String>,
    /// Version label (default: the file name without extension).
    pub label: Option<String>,
    /// Date of the version, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Language (`en`, `km`, ...; default: declared by the document, else detected).
    pub lang: Option<String>,
    /// Stage in the law-making process (free text: consultation, council-of-ministers ...).
    pub stage: Option<String>,
    /// Provenance (default unofficial).
    pub provenance: Option<Provenance>,
    /// Format (default: detected from the content).
    pub format: Option<Format>,
}

/// A bill with its version count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct BillInfo {
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Main language.
    pub lang: Option<String>,
    /// Slug of the bill this one translates.
    pub translation_of: Option<String>,
    /// True for the illustrative sample bills.
    pub illustrative: bool,
    /// A note on the bill.
    pub note: Option<String>,
    /// Number of versions.
    pub versions: i64,
}

/// One version of a bill.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct VersionInfo {
    /// Bill slug.
    pub bill: String,
    /// Sequence number, 1 = oldest imported.
    pub seq: i64,
    /// Label.
    pub label: String,
    /// Date.
    pub date: Option<String>,
    /// Stage.
    pub stage: Option<String>,
    /// Language.
    pub lang: String,
    /// Provenance.
    pub provenance: String,
    /// Source format.
    pub format: String,
    /// SHA-256 of the original file (kept under `sources/`).
    pub sha256: String,
    /// Number of clauses (articles or sections).
    pub clauses: i64,
    /// Import report sentences.
    pub report: Vec<String>,
    /// When it was imported (UTC).
    pub imported_at: String,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ImportReport {
    /// The version created.
    pub version: VersionInfo,
    /// Number of provisions stored.
    pub provisions: usize,
    /// True when the bill was created by this import.
    pub new_bill: bool,
    /// Why the search index could not take the new version (it will at the
    /// next search or start), if it could not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub index_note: Option<String>,
    /// Annotations of the previous version placed again on this one
    /// (`draftwatch annotate review` lists those that need a person).
    #[serde(default)]
    pub annotations_carried: usize,
}

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
        crate::align::lineage::backfill(&tx, |id| load_tree(&tx, id).map_err(into_sqlite))?;
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

    /// Today's date (UTC, `YYYY-MM-DD`) from the workspace's clock.
    pub fn today(&self) -> Result<String> {
        Ok(self.conn.query_row("SELECT date('now')", [], |r| r.get(0))?)
    }

    /// Imports the sample bills of `drafts/` (embedded at build time).
    pub fn seed(&mut self) -> Result<Vec<ImportReport>> {
        let mut reports = Vec::new();
        let manifests: Vec<_> = seed::SEED_FILES.iter().filter(|(p, _)| p.ends_with("/manifest.json")).collect();
        // Originals before translations, so `translation_of` resolves.
        let mut parsed: Vec<(String, Manifest)> = Vec::new();
        for (path, bytes) in manifests {
            let m: Manifest = serde_json::from_slice(bytes).map_err(|e| Error::invalid("drafts", format!("drafts/{path}: {e}")))?;
            parsed.push((path.trim_end_matches("/manifest.json").to_string(), m));
        }
        parsed.sort_by_key(|(_, m)| m.translation_of.is_some());
        for (dir, m) in parsed {
            for v in &m.versions {
                let rel = format!("{dir}/{}", v.file);
                let bytes = seed::SEED_FILES
                    .iter()
                    .find(|(p, _)| *p == rel)
                    .map(|(_, b)| *b)
                    .ok_or_else(|| Error::invalid("drafts", format!("drafts/{rel} is listed in the manifest but missing")))?;
                let opts = ImportOptions {
                    bill: m.slug.clone(),
                    title: Some(m.title.clone()),
                    label: Some(v.label.clone()),
                    date: v.date.clone(),
                    lang: Some(v.lang.clone().unwrap_or_else(|| m.lang.clone())),
                    stage: v.stage.clone(),
                    provenance: Some(Provenance::parse(&v.provenance)?),
                    format: None,
                };
                reports.push(self.import_bytes(bytes, &v.file, &opts)?);
            }
            self.conn.execute(
                "UPDATE bills SET illustrative = ?2, note = ?3, translation_of = (SELECT id FROM bills WHERE slug = ?4) WHERE slug = ?1",
                params![m.slug, m.illustrative, m.note, m.translation_of],
            )?;
        }
        Ok(reports)
    }

    /// Imports a file from disk.
    pub fn import_file(&mut self, path: &Path, opts: &ImportOptions) -> Result<ImportReport> {
        let shown = path.display().to_string();
        let bytes = read_file(path)?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| shown.clone());
        self.import_bytes(&bytes, &name, opts).map_err(|e| match e {
            Error::Refused { source, .. } => Error::Refused { path: shown, source },
            other => other,
        })
    }

    /// Imports a file's bytes; `file_name` names it in messages and picks the default label.
    pub fn import_bytes(&mut self, bytes: &[u8], file_name: &str, opts: &ImportOptions) -> Result<ImportReport> {
        validate_slug(&opts.bill)?;
        if let Some(d) = &opts.date {
            validate_date(d)?;
        }
        let sha = hex(&Sha256::digest(bytes));
        if let Some((bill, seq)) = self
            .conn
            .query_row("SELECT b.slug, v.seq FROM versions v JOIN bills b ON b.id = v.bill_id WHERE v.source_sha256 = ?1", [&sha], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
        {
            return Err(Conflict::AlreadyImported { bill, seq }.into());
        }
        // Read and parse everything before touching the workspace.
        let parsed = parse_bytes(bytes, file_name, opts.format)?;
        let tx = self.conn.transaction()?;
        let stored = store_version(&tx, &self.root, bytes, &sha, file_name, opts, parsed)?;
        // The original file went in place before the commit; away again if it fails.
        if let Err(e) = tx.commit() {
            if let Some(p) = &stored.written {
                let _ = std::fs::remove_file(p);
            }
            return Err(e.into());
        }
        let Stored { seq, provisions, new_bill, carried, .. } = stored;
        let index_note = self.refresh_index().err().map(|e| e.to_string());
        let version = self.version_info(&opts.bill, &seq.to_string())?;
        Ok(ImportReport { version, provisions, new_bill, index_note, annotations_carried: carried })
    }
}

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
    fn refresh_index(&mut self) -> Result<()> {
        match &mut self.index {
            Some(idx) => Ok(idx.catch_up(&self.conn, &mut |_| {})?),
            None if self.root.join("index").join("meta.json").exists() => self.index_with(&mut |_| {}).map(|_| ()),
            None => Ok(()),
        }
    }
}

/// What a person decides on an annotation in review.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
#[serde(rename_all = "snake_case")]
pub enum ReviewAction {
    /// The placement is right.
    Confirm,
    /// Attach to this clause (number) of the annotation's version, quoting `quote` (or the whole clause).
    Reattach {
        /// Clause number.
        clause: String,
        /// Quote.
        quote: Option<String>,
        /// Start of the quote (code points), if it occurs more than once.
        quote_start: Option<usize>,
    },
    /// It no longer applies: withdraw it.
    Close,
}

/// An annotation waiting for a person, with the text it was on and the text
/// it was placed on (`annotate review`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct ReviewItem {
    /// The annotation as it stands.
    pub annotation: annotate::Annotation,
    /// The clause text on the version before (where the annotation was last placed for sure).
    pub old_text: Option<String>,
    /// The clause text it is placed on now (None when the clause was deleted).
    pub new_text: Option<String>,
}

impl Workspace {
    /// Annotates a clause (or a quoted span of it).
    pub fn annotate_add(&mut self, na: &annotate::NewAnnotation) -> Result<annotate::Annotation> {
        let (version_id, provision_id, text) = self.clause_target(&na.bill, &na.version, &na.clause)?;
        let tx = self.conn.transaction()?;
        let id = annotate::insert(&tx, na, version_id, provision_id, &text, None)?;
        tx.commit()?;
        let _ = self.refresh_index();
        annotate::get(&self.conn, id)
    }

    /// Annotations matching a filter.
    pub fn annotations(&self, f: &annotate::Filter) -> Result<Vec<annotate::Annotation>> {
        annotate::list(&self.conn, f)
    }

    /// One annotation with its thread, history and placements.
    pub fn annotation(&self, id: i64) -> Result<annotate::AnnotationDetail> {
        annotate::detail(&self.conn, id)
    }

    /// Edits an annotation; returns it as it is now.
    pub fn annotate_edit(&mut self, id: i64, e: &annotate::AnnotationEdit, author: &str) -> Result<annotate::Annotation> {
        let tx = self.conn.transaction()?;
        let changed = annotate::edit(&tx, id, e, author)?;
        tx.commit()?;
        if changed {
            let _ = self.refresh_index();
        }
        annotate::get(&self.conn, id)
    }

    /// Replies to an annotation.
    pub fn annotate_reply(&mut self, id: i64, author: &str, org: Option<&str>, body: &str) -> Result<annotate::Reply> {
        let r = annotate::reply(&self.conn, id, author, org, body)?;
        let _ = self.refresh_index();
        Ok(r)
    }

    /// Deletes an annotation (its history is kept).
    pub fn annotate_delete(&mut self, id: i64, author: &str) -> Result<annotate::Annotation> {
        let tx = self.conn.transaction()?;
        let a = annotate::delete(&tx, id, author)?;
        tx.commit()?;
        let _ = self.refresh_index();
        Ok(a)
    }

    /// Annotations that need a person (`needs_review`, or `orphaned` and still
    /// open), with the old and the new text side by side.
    pub fn review_queue(&self, bill: Option<&str>) -> Result<Vec<ReviewItem>> {
        let f = annotate::Filter {
            bill: bill.map(str::to_string),
            anchors: vec![annotate::anchor::Anchor::NeedsReview, annotate::anchor::Anchor::Orphaned],
            ..Default::default()
        };
        let mut out = Vec::new();
        let texts = ClauseTexts::new(&self.conn);
        for a in annotate::list(&self.conn, &f)?.into_iter().filter(|a| a.status != annotate::Status::Withdrawn) {
            let prev: Option<i64> = self
                .conn
                .query_row(
                    "SELECT pl.provision_id FROM annotation_placements pl JOIN versions v ON v.id = pl.version_id                      WHERE pl.annotation_id = ?1 AND v.seq < ?2 AND pl.provision_id IS NOT NULL ORDER BY v.seq DESC LIMIT 1",
                    params![a.id, a.version],
                    |r| r.get(0),
                )
                .optional()?;
            let now: Option<i64> = self.conn.query_row("SELECT provision_id FROM annotations WHERE id = ?1", [a.id], |r| r.get(0))?;
            let old_text = prev.map(|p| texts.get(p)).transpose()?;
            let new_text = now.map(|p| texts.get(p)).transpose()?;
            out.push(ReviewItem { annotation: a, old_text, new_text });
        }
        Ok(out)
    }

    /// Applies a person's review decision.
    pub fn annotate_review(&mut self, id: i64, action: &ReviewAction, author: &str) -> Result<annotate::Annotation> {
        let decision = match action {
            ReviewAction::Confirm => annotate::Decision::Confirm,
            ReviewAction::Close => annotate::Decision::Close,
            ReviewAction::Reattach { clause, quote, quote_start } => {
                let a = annotate::get(&self.conn, id)?;
                let node = self.clause(&a.bill, &a.version.to_string(), clause)?;
                let version_id = self.version_id(&a.bill, &a.version.to_string())?;
                let provision_id: i64 = self.conn.query_row(
                    "SELECT id FROM provisions WHERE version_id = ?1 AND eid = ?2",
                    params![version_id, node.eid],
                    |r| r.get(0),
                )?;
                annotate::Decision::Reattach {
                    provision_id,
                    text: crate::align::clause_text(&node),
                    quote: quote.clone(),
                    quote_start: *quote_start,
                }
            }
        };
        let tx = self.conn.transaction()?;
        annotate::review(&tx, id, &decision, author)?;
        tx.commit()?;
        let _ = self.refresh_index();
        annotate::get(&self.conn, id)
    }

    /// The rights taxonomy (built-in and the workspace's own entries).
    pub fn rights(&self) -> Result<Vec<annotate::taxonomy::Right>> {
        annotate::taxonomy::all(&self.conn)
    }

    /// Adds a right to the workspace's taxonomy.
    pub fn right_add(&mut self, r: &annotate::taxonomy::Right) -> Result<()> {
        annotate::taxonomy::add(&self.conn, r)
    }

    /// Adds an organisation.
    pub fn org_add(&mut self, o: &positions::Organisation) -> Result<positions::Organisation> {
        positions::add(&self.conn, o)
    }

    /// The organisations.
    pub fn orgs(&self) -> Result<Vec<positions::Organisation>> {
        positions::list(&self.conn)
    }

    /// (version id, provision id, clause text) of a clause named by number or eId.
    fn clause_target(&self, bill: &str, version: &str, clause: &str) -> Result<(i64, i64, String)> {
        let version_id = self.version_id(bill, version)?;
        let node = self.clause(bill, version, clause)?;
        let provision_id: i64 =
            self.conn
                .query_row("SELECT id FROM provisions WHERE version_id = ?1 AND eid = ?2", params![version_id, node.eid], |r| r.get(0))?;
        Ok((version_id, provision_id, crate::align::clause_text(&node)))
    }

    /// Starts a joint position on a version of a bill; `lang` (en or km) is
    /// the language of its headings and labels (default: the version's).
    pub fn position_new(
        &mut self,
        bill: &str,
        version: &str,
        title: &str,
        intro: &str,
        closing: &str,
        lang: Option<&str>,
    ) -> Result<positions::Position> {
        let version_id = self.version_id(bill, version)?;
        let lang = match lang {
            Some(l) => l.to_string(),
            None if self.version_info(bill, version)?.lang == "km" => "km".into(),
            None => "en".into(),
        };
        let id = positions::create(&self.conn, version_id, title, intro, closing, &lang)?;
        positions::get(&self.conn, id)
    }

    /// The joint positions, newest first.
    pub fn positions(&self) -> Result<Vec<positions::Position>> {
        positions::list_positions(&self.conn)
    }

    /// A position with its items and endorsements.
    pub fn position(&self, id: i64) -> Result<positions::PositionDetail> {
        positions::detail(&self.conn, id)
    }

    /// Changes a position's title, introduction or closing.
    pub fn position_edit(
        &mut self,
        id: i64,
        title: Option<&str>,
        intro: Option<&str>,
        closing: Option<&str>,
    ) -> Result<positions::Position> {
        positions::edit(&self.conn, id, title, intro, closing)?;
        positions::get(&self.conn, id)
    }

    /// Adds an annotation to a position (at the end, or at 1-based place `at`; adding again moves it).
    pub fn position_add(&mut self, id: i64, annotation: i64, at: Option<usize>) -> Result<()> {
        let tx = self.conn.transaction()?;
        positions::add_item(&tx, id, annotation, at)?;
        Ok(tx.commit()?)
    }

    /// Removes an annotation from a position.
    pub fn position_remove(&mut self, id: i64, annotation: i64) -> Result<()> {
        let tx = self.conn.transaction()?;
        positions::remove_item(&tx, id, annotation)?;
        Ok(tx.commit()?)
    }

    /// Records an organisation's endorsement (invited, endorsed, declined, withdrawn) on a date.
    pub fn position_endorse(
        &mut self,
        id: i64,
        org: &str,
        state: positions::EndorsementState,
        date: &str,
        note: Option<&str>,
    ) -> Result<()> {
        positions::endorse(&self.conn, id, org, state, date, note)
    }

    /// The adoption scorecard of a position against a later version.
    pub fn position_track(&self, id: i64, against: &str) -> Result<positions::track::Scorecard> {
        let p = positions::get(&self.conn, id)?;
        let against = self.version_id(&p.bill, against)?;
        positions::track::track(&self.conn, id, against)
    }

    /// A position as `docx`, `pdf` (through LibreOffice), `md` or `html` (the file's bytes).
    pub fn position_export(&self, id: i64, format: &str) -> Result<Vec<u8>> {
        let d = positions::detail(&self.conn, id)?;
        let rights = self.rights()?;
        match format {
            "docx" => Ok(crate::export::docx::position(&d, &rights)),
            "pdf" => crate::export::pdf::from_docx(&crate::export::docx::position(&d, &rights)),
            "md" | "markdown" => Ok(crate::export::position_markdown(&d, &rights).into_bytes()),
            "html" => Ok(crate::export::position_html(&d, &rights).into_bytes()),
            other => Err(Error::invalid("format", format!("a position exports as docx, pdf, md or html, not \"{other}\""))),
        }
    }

    /// Annotations (all, or of one bill) as `csv` or `w3c` (JSON-LD).
    pub fn annotations_export(&self, bill: Option<&str>, format: &str) -> Result<String> {
        let list = annotate::list(&self.conn, &annotate::Filter { bill: bill.map(str::to_string), ..Default::default() })?;
        match format {
            "csv" => Ok(crate::export::annotations_csv(&list)),
            "w3c" | "jsonld" => {
                let label = bill.map(|b| format!("Draftwatch annotations on {b}")).unwrap_or_else(|| "Draftwatch annotations".into());
                Ok(serde_json::to_string_pretty(&crate::export::w3c::collection(&list, &label)).expect("json"))
            }
            other => Err(Error::invalid("format", format!("annotations export as csv or w3c, not \"{other}\""))),
        }
    }

    /// Imports W3C Web Annotation JSON-LD (as exported by Draftwatch, or by
    /// another tool targeting Draftwatch clauses) in one transaction.
    /// Annotations the workspace already has (same id) are skipped; an
    /// unknown organisation is added with its short name as its name.
    /// Returns (added, already there).
    pub fn annotations_import_w3c(&mut self, json: &str) -> Result<(usize, usize)> {
        let v: serde_json::Value =
            serde_json::from_str(json).map_err(|e| Error::invalid("file", format!("not JSON: {e} (line {}, column {})", e.line(), e.column())))?;
        let items = crate::export::w3c::read(&v).map_err(|m| Error::invalid("file", m))?;
        let mut targets = Vec::new();
        for it in &items {
            targets.push(self.clause_target(&it.new.bill, &it.new.version, &it.eid)?);
        }
        let tx = self.conn.transaction()?;
        let (mut added, mut present) = (0, 0);
        for (it, (version_id, provision_id, text)) in items.iter().zip(targets) {
            if annotate::get_uid(&tx, &it.uid)?.is_some() {
                present += 1;
                continue;
            }
            if let Some(o) = &it.new.org {
                if positions::find(&tx, o)?.is_none() {
                    let org = positions::Organisation {
                        uid: String::new(),
                        short_name: o.clone(),
                        name: o.clone(),
                        name_km: None,
                        contact: None,
                    };
                    positions::add(&tx, &org)?;
                }
            }
            annotate::insert(&tx, &it.new, version_id, provision_id, &text, Some(&it.uid))?;
            added += 1;
        }
        tx.commit()?;
        let _ = self.refresh_index();
        Ok((added, present))
    }

    /// A version as Akoma Ntoso XML, with its eIds.
    pub fn version_akn(&self, bill: &str, version: &str) -> Result<String> {
        let v = self.version_info(bill, version)?;
        let title: String = self.conn.query_row("SELECT title FROM bills WHERE slug = ?1", [bill], |r| r.get(0))?;
        Ok(crate::export::akn::version(bill, &title, &v, &self.tree(bill, version)?))
    }

    /// A coalition bundle of a bill: its versions' original files, annotations,
    /// organisations and positions, as one file's bytes (see [`crate::export::bundle`]).
    pub fn bundle_export(&self, bill: &str) -> Result<Vec<u8>> {
        crate::export::bundle::export(&self.conn, &self.root, bill)
    }

    /// Imports and merges a bundle, in one transaction; a refused bundle
    /// changes nothing. Importing the same bundle again changes nothing.
    pub fn bundle_import(&mut self, bytes: &[u8]) -> Result<crate::export::bundle::BundleReport> {
        use crate::export::bundle;
        let checked = bundle::check(bytes)?;
        let m = &checked.manifest;
        validate_slug(&m.bill.slug)?;
        // Everything new is read and parsed before the workspace is touched.
        let mut versions: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
        let mut todo = Vec::new();
        let mut ordered: Vec<&bundle::VersionEntry> = m.versions.iter().collect();
        ordered.sort_by_key(|v| v.seq);
        for v in ordered {
            let local: Option<i64> =
                self.conn.query_row("SELECT id FROM versions WHERE source_sha256 = ?1", [&v.sha256], |r| r.get(0)).optional()?;
            if let Some(id) = local {
                versions.insert(v.sha256.clone(), id);
                continue;
            }
            let bytes = checked.sources.get(&v.sha256).ok_or_else(|| {
                Error::BundleRefused(format!("version \"{}\" has no file in it", v.label))
            })?;
            if let Some(d) = &v.date {
                validate_date(d)?;
            }
            todo.push((v, parse_bytes(bytes, &v.file_name, None)?));
        }
        let mut report = bundle::BundleReport::default();
        let mut written: Vec<PathBuf> = Vec::new();
        let tx = self.conn.transaction()?;
        let merged = (|| -> Result<()> {
            for (v, parsed) in todo {
                let taken: bool = tx.query_row(
                    "SELECT EXISTS(SELECT 1 FROM versions v JOIN bills b ON b.id = v.bill_id WHERE b.slug = ?1 AND v.label = ?2)",
                    params![m.bill.slug, v.label],
                    |r| r.get(0),
                )?;
                let label = if taken { format!("{} ({})", v.label, &v.sha256[..8]) } else { v.label.clone() };
                let opts = ImportOptions {
                    bill: m.bill.slug.clone(),
                    title: Some(m.bill.title.clone()),
                    label: Some(label),
                    date: v.date.clone(),
                    lang: Some(v.lang.clone()),
                    stage: v.stage.clone(),
                    provenance: Some(Provenance::parse(&v.provenance)?),
                    format: None,
                };
                let bytes = &checked.sources[&v.sha256];
                let stored = store_version(&tx, &self.root, bytes, &v.sha256, &v.file_name, &opts, parsed)?;
                written.extend(stored.written);
                versions.insert(v.sha256.clone(), stored.version_id);
                report.versions_added += 1;
            }
            bundle::merge(&tx, &checked, &versions, &mut report)
        })();
        if let Err(e) = merged.and_then(|_| Ok(tx.commit()?)) {
            for p in written {
                let _ = std::fs::remove_file(p);
            }
            return Err(e);
        }
        let _ = self.refresh_index();
        Ok(report)
    }
}

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

/// Reads and structures a file's bytes: (format, what the importer said, tree).
pub fn parse_bytes(bytes: &[u8], file_name: &str, format: Option<Format>) -> Result<(Format, ingest::Ingested, Vec<Node>)> {
    let ingest_err = |source| Error::Refused { path: file_name.to_string(), source };
    let format = match format {
        Some(f) => f,
        None => ingest::detect(bytes, Some(file_name)).map_err(ingest_err)?,
    };
    let ingested = ingest::read(bytes, format).map_err(ingest_err)?;
    let tree = match &ingested.content {
        Content::Tree(t) => t.clone(),
        Content::Blocks(b) => structure::parse(b),
    };
    if tree.is_empty() {
        return Err(Error::Refused { path: file_name.to_string(), source: IngestError::NoProvisions });
    }
    Ok((format, ingested, tree))
}

/// Reads and structures a file from disk (size-checked before reading).
pub fn parse_file(path: &Path) -> Result<Vec<Node>> {
    Ok(parse_bytes(&read_file(path)?, &path.display().to_string(), None)?.2)
}

/// Reads a file whose size was checked first: a file over the limit is refused
/// before a byte of it is read.
fn read_file(path: &Path) -> Result<Vec<u8>> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|source| Error::Io { what: format!("cannot read {shown}"), source })?;
    if meta.len() > ingest::MAX_FILE_BYTES {
        return Err(Error::Refused { path: shown, source: IngestError::TooLarge { size: meta.len(), max: ingest::MAX_FILE_BYTES } });
    }
    std::fs::read(path).map_err(|source| Error::Io { what: format!("cannot read {shown}"), source })
}

/// Compares two files without a workspace (`draftwatch diff --files A B`);
/// returns the report and the parsed files it was made from.
pub fn diff_files(a: &Path, b: &Path) -> Result<(DiffReport, Parsed)> {
    // Each file is read, structured and cut into clauses on its own core.
    let prepare = |p: &Path| parse_file(p).map(|tree| (crate::align::clauses(&tree), tree));
    let (old, new) = crate::par::join(|| prepare(a), || prepare(b));
    let ((old_clauses, old), (new_clauses, new)) = (old?, new?);
    let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| p.display().to_string());
    let from = VersionRef { seq: 1, label: name(a), date: None };
    let to = VersionRef { seq: 2, label: name(b), date: None };
    let bill = format!("{} → {}", name(a), name(b));
    let report = crate::diff::compare::compare_clauses(&bill, from, to, (&old, &old_clauses), (&new, &new_clauses));
    Ok((report, Parsed { _trees: (old, new), _clauses: (old_clauses, new_clauses) }))
}

/// The two files [`diff_files`] read, parsed: a hundred thousand strings for
/// a large code. Freeing them takes longer than printing the report, so the
/// caller chooses when: a process about to exit can leave that to the system.
pub struct Parsed {
    _trees: (Vec<Node>, Vec<Node>),
    _clauses: (Vec<crate::align::Clause>, Vec<crate::align::Clause>),
}

/// Writes `sources/<sha>` unless it exists; returns the path if written now.
/// What [`store_version`] did.
pub(crate) struct Stored {
    pub version_id: i64,
    pub seq: i64,
    pub provisions: usize,
    pub new_bill: bool,
    pub carried: usize,
    /// The source file written under `sources/` (to remove if the transaction fails).
    pub written: Option<PathBuf>,
}

/// Stores a parsed version in `tx`: the bill if new, the version, its
/// provisions, its clause links and lineages, the annotations of the
/// previous version placed on it, and the original file under `sources/`.
pub(crate) fn store_version(
    tx: &Transaction,
    root: &Path,
    bytes: &[u8],
    sha: &str,
    file_name: &str,
    opts: &ImportOptions,
    (format, ingested, tree): (Format, ingest::Ingested, Vec<Node>),
) -> Result<Stored> {
    let lang = opts.lang.clone().or(ingested.lang.clone()).unwrap_or_else(|| detect_lang(&tree));
    let provenance = opts.provenance.unwrap_or(Provenance::Unofficial);
    let mut notes = ingested.notes.clone();
    let clause_count = structure::walk_all(&tree).iter().filter(|n| n.kind.is_clause()).count();
    if clause_count == 0 {
        notes.push("No articles or sections were recognised; the text was kept as front matter.".into());
    }
    let (bill_id, new_bill) = ensure_bill(tx, &opts.bill, opts.title.as_deref().or(ingested.title.as_deref()), &lang)?;
    let seq: i64 = tx.query_row("SELECT COALESCE(MAX(seq), 0) + 1 FROM versions WHERE bill_id = ?1", [bill_id], |r| r.get(0))?;
    let label = match &opts.label {
        Some(l) if !l.trim().is_empty() => {
            let l = l.trim().to_string();
            let taken: bool =
                tx.query_row("SELECT EXISTS(SELECT 1 FROM versions WHERE bill_id = ?1 AND label = ?2)", params![bill_id, l], |r| r.get(0))?;
            if taken {
                return Err(Conflict::DuplicateLabel { bill: opts.bill.clone(), label: l.clone() }.into());
            }
            l
        }
        _ => unique_label(tx, bill_id, &default_label(file_name, seq))?,
    };
    tx.execute("INSERT OR IGNORE INTO sources (sha256, size, file_name) VALUES (?1, ?2, ?3)", params![sha, bytes.len() as i64, file_name])?;
    tx.execute(
        "INSERT INTO versions (bill_id, seq, label, date, stage, lang, provenance, format, source_sha256, report) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![bill_id, seq, label, opts.date, opts.stage, lang, provenance.as_str(), format.as_str(), sha, serde_json::to_string(&notes).unwrap_or_default()],
    )?;
    let version_id = tx.last_insert_rowid();
    let provisions = insert_tree(tx, version_id, &tree)?;
    crate::align::lineage::link_version(tx, version_id, |id| load_tree(tx, id).map_err(into_sqlite))?;
    // Open annotations of the previous version are placed on this one, in
    // the same transaction: the import lands whole or not at all.
    let texts = ClauseTexts::new(tx);
    let carried = annotate::carry_forward(tx, version_id, &|p| texts.get(p))?.len();
    let written = write_source(root, sha, bytes)?;
    Ok(Stored { version_id, seq, provisions, new_bill, carried, written })
}

fn write_source(root: &Path, sha: &str, bytes: &[u8]) -> Result<Option<PathBuf>> {
    let dest = root.join("sources").join(sha);
    if dest.exists() {
        return Ok(None);
    }
    let tmp = root.join("sources").join(format!("{sha}.tmp"));
    let io = |source| Error::Io { what: format!("cannot store the original file in {}", dest.display()), source };
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, &dest).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })?;
    Ok(Some(dest))
}

impl Workspace {
    /// Every bill, by slug.
    pub fn bills(&self) -> Result<Vec<BillInfo>> {
        let mut stmt = self.conn.prepare(
            "SELECT b.slug, b.title, b.lang, t.slug, b.illustrative, b.note, (SELECT COUNT(*) FROM versions v WHERE v.bill_id = b.id)
             FROM bills b LEFT JOIN bills t ON t.id = b.translation_of ORDER BY b.slug",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(BillInfo {
                slug: r.get(0)?,
                title: r.get(1)?,
                lang: r.get(2)?,
                translation_of: r.get(3)?,
                illustrative: r.get(4)?,
                note: r.get(5)?,
                versions: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The versions of a bill, oldest first.
    pub fn versions(&self, bill: &str) -> Result<Vec<VersionInfo>> {
        let bill_id = self.bill_id(bill)?;
        let seqs: Vec<i64> = self
            .conn
            .prepare("SELECT seq FROM versions WHERE bill_id = ?1 ORDER BY seq")?
            .query_map([bill_id], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        seqs.into_iter().map(|s| self.version_info(bill, &s.to_string())).collect()
    }

    /// One version, by number, label or `latest`.
    pub fn version_info(&self, bill: &str, reference: &str) -> Result<VersionInfo> {
        let id = self.version_id(bill, reference)?;
        Ok(self.conn.query_row(
            "SELECT v.seq, v.label, v.date, v.stage, v.lang, v.provenance, v.format, v.source_sha256, v.report, v.imported_at,
                    (SELECT COUNT(*) FROM provisions p WHERE p.version_id = v.id AND p.is_clause = 1)
             FROM versions v WHERE v.id = ?1",
            [id],
            |r| {
                let report: String = r.get(8)?;
                Ok(VersionInfo {
                    bill: bill.to_string(),
                    seq: r.get(0)?,
                    label: r.get(1)?,
                    date: r.get(2)?,
                    stage: r.get(3)?,
                    lang: r.get(4)?,
                    provenance: r.get(5)?,
                    format: r.get(6)?,
                    sha256: r.get(7)?,
                    report: serde_json::from_str(&report).unwrap_or_default(),
                    imported_at: r.get(9)?,
                    clauses: r.get(10)?,
                })
            },
        )?)
    }

    /// The provision tree of a version.
    pub fn tree(&self, bill: &str, reference: &str) -> Result<Vec<Node>> {
        let id = self.version_id(bill, reference)?;
        load_tree(&self.conn, id)
    }

    /// The clause numbered `num` (as printed, or by value: `12` finds `១២`).
    pub fn clause(&self, bill: &str, reference: &str, num: &str) -> Result<Node> {
        let tree = self.tree(bill, reference)?;
        let wanted = structure::number::value(num);
        let found = structure::walk_all(&tree)
            .into_iter()
            .find(|n| n.kind.is_clause() && (n.num.as_deref() == Some(num) || wanted.is_some() && n.num_value == wanted || n.eid == num));
        match found {
            Some(n) => Ok(n.clone()),
            None => Err(NotFound::Clause { bill: bill.into(), version: self.version_info(bill, reference)?.label, num: num.into() }.into()),
        }
    }

    /// Compares two versions of a bill (any two, in either order).
    pub fn diff(&self, bill: &str, from: &str, to: &str) -> Result<DiffReport> {
        let (fv, tv) = (self.version_info(bill, from)?, self.version_info(bill, to)?);
        let (old, new) = (self.tree(bill, from)?, self.tree(bill, to)?);
        let r = |v: &VersionInfo| VersionRef { seq: v.seq, label: v.label.clone(), date: v.date.clone() };
        Ok(crate::diff::compare(bill, r(&fv), r(&tv), &old, &new))
    }

    /// The lineage of a clause across every version of its bill, oldest first:
    /// where it appears in each version and what happened at each step.
    pub fn history(&self, bill: &str, version: &str, clause: &str) -> Result<Vec<HistoryStep>> {
        let vid = self.version_id(bill, version)?;
        let node = self.clause(bill, version, clause)?;
        let lineage: String = self
            .conn
            .query_row("SELECT lineage FROM provisions WHERE version_id = ?1 AND eid = ?2", params![vid, node.eid], |r| {
                r.get::<_, Option<String>>(0)
            })?
            .unwrap_or_default();
        let bill_id = self.bill_id(bill)?;
        // Every version of the bill, and the lineage's clause in it (if any).
        let versions: Vec<(i64, i64, String, Option<String>)> = self
            .conn
            .prepare("SELECT id, seq, label, date FROM versions WHERE bill_id = ?1 ORDER BY seq")?
            .query_map([bill_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<std::result::Result<_, _>>()?;
        let mut steps: Vec<HistoryStep> = Vec::new();
        let mut prev: Option<(i64, String)> = None; // (provision id, text) in the previous version
        for (version_id, seq, label, date) in versions {
            let here: Option<(i64, String, Option<String>, Option<String>)> = self
                .conn
                .query_row(
                    "SELECT id, eid, num, heading FROM provisions WHERE version_id = ?1 AND lineage = ?2 AND is_clause = 1",
                    params![version_id, lineage],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            let text = match &here {
                Some((_, eid, _, _)) => Some(self.clause_text(version_id, eid)?),
                None => None,
            };
            let summary = match (&prev, &here) {
                (None, None) => continue,
                (None, Some((id, ..))) => self.origin(*id)?,
                (Some((pid, _)), None) => {
                    // Merged into another lineage's clause, or gone.
                    let into: Option<(String, Option<String>, Option<String>)> = self
                        .conn
                        .query_row(
                            "SELECT p.eid, p.num, p.heading FROM clause_links l JOIN provisions p ON p.id = l.to_id WHERE l.from_id = ?1 LIMIT 1",
                            [pid],
                            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                        )
                        .optional()?;
                    let (change, summary, clauses) = match into {
                        Some((eid, num, heading)) => {
                            let summary = format!("merged into {}", art(num.as_deref()));
                            ("merged".to_string(), summary, vec![ClauseRef { eid, num, num_value: None, heading }])
                        }
                        None => ("deleted".to_string(), "deleted: no longer in this version".to_string(), Vec::new()),
                    };
                    steps.push(HistoryStep { seq, label, date, clauses, change, summary });
                    prev = None;
                    continue;
                }
                (Some((pid, ptext)), Some((id, ..))) => self.step_summary(*pid, *id, ptext, text.as_deref().unwrap_or_default())?,
            };
            let (id, eid, num, heading) = here.expect("present");
            let mut clauses = vec![ClauseRef { eid, num, num_value: None, heading }];
            let mut line = summary.1;
            if let Some((pid, _)) = &prev {
                // Split parts stand beside the clause; clauses merged into it are named.
                let (parts, merged_in) = self.linked_parts(*pid, id)?;
                clauses.extend(parts);
                if !merged_in.is_empty() {
                    let names: Vec<String> = merged_in.iter().map(|c| art(c.num.as_deref())).collect();
                    line = format!("{line}; absorbed {} of the previous version", names.join(", "));
                }
            }
            steps.push(HistoryStep { seq, label, date, clauses, change: summary.0, summary: line });
            prev = Some((id, text.unwrap_or_default()));
        }
        Ok(steps)
    }

    /// How a lineage began: new in its version, or split off from / merged into a clause before.
    fn origin(&self, id: i64) -> Result<(String, String)> {
        let from: Option<(String, Option<String>, String)> = self
            .conn
            .query_row(
                "SELECT l.kind, p.num, v.label FROM clause_links l JOIN provisions p ON p.id = l.from_id JOIN versions v ON v.id = p.version_id WHERE l.to_id = ?1 LIMIT 1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        Ok(match from {
            Some((kind, num, label)) if kind == "split" => ("split".into(), format!("split off from {} of {label}", art(num.as_deref()))),
            Some((kind, num, label)) => (kind, format!("from {} of {label}", art(num.as_deref()))),
            None => ("added".into(), "first appears in this version".into()),
        })
    }

    /// One line on what happened between two clauses of one lineage.
    fn step_summary(&self, from_id: i64, to_id: i64, old_text: &str, new_text: &str) -> Result<(String, String)> {
        let (kind, moved, old_num, new_num): (String, bool, Option<String>, Option<String>) = self.conn.query_row(
            "SELECT l.kind, l.moved, a.num, b.num FROM clause_links l JOIN provisions a ON a.id = l.from_id JOIN provisions b ON b.id = l.to_id WHERE l.from_id = ?1 AND l.to_id = ?2",
            params![from_id, to_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let mut parts = vec![kind.clone()];
        let value = |n: &Option<String>| n.as_deref().and_then(crate::structure::number::value);
        if value(&old_num) != value(&new_num) {
            parts.push(format!("renumbered {} → {}", old_num.as_deref().unwrap_or("?"), new_num.as_deref().unwrap_or("?")));
        }
        if moved {
            parts.push("moved".into());
        }
        if kind != "unchanged" {
            let d = crate::diff::diff_texts(old_text, new_text);
            parts.push(format!("{} substantive, {} cosmetic edits", d.counts.substantive, d.counts.cosmetic));
            if !d.flags.is_empty() {
                parts.push(d.flags.join(", "));
            }
        }
        Ok((kind, parts.join("; ")))
    }

    /// Besides the pair itself: the other parts `from_id` was split into, and the
    /// other clauses merged into `to_id`.
    fn linked_parts(&self, from_id: i64, to_id: i64) -> Result<(Vec<ClauseRef>, Vec<ClauseRef>)> {
        let query = |sql: &str| -> Result<Vec<ClauseRef>> {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt.query_map(params![from_id, to_id], |r| {
                Ok(ClauseRef { eid: r.get(0)?, num: r.get(1)?, num_value: None, heading: r.get(2)? })
            })?;
            Ok(rows.collect::<std::result::Result<_, _>>()?)
        };
        let parts = query("SELECT p.eid, p.num, p.heading FROM clause_links l JOIN provisions p ON p.id = l.to_id WHERE l.from_id = ?1 AND l.to_id != ?2 AND l.kind = 'split' ORDER BY p.ord")?;
        let merged = query("SELECT p.eid, p.num, p.heading FROM clause_links l JOIN provisions p ON p.id = l.from_id WHERE l.to_id = ?2 AND l.from_id != ?1 AND l.kind = 'merged' ORDER BY p.ord")?;
        Ok((parts, merged))
    }

    /// The comparable text of a clause (heading and body), as the diff sees it.
    fn clause_text(&self, version_id: i64, eid: &str) -> Result<String> {
        let tree = load_tree(&self.conn, version_id)?;
        let node = structure::walk_all(&tree).into_iter().find(|n| n.eid == eid).cloned();
        Ok(node.map(|n| crate::align::Clause::from_node(0, &n).text).unwrap_or_default())
    }

    fn bill_id(&self, bill: &str) -> Result<i64> {
        self.conn
            .query_row("SELECT id FROM bills WHERE slug = ?1", [bill], |r| r.get(0))
            .optional()?
            .ok_or_else(|| NotFound::Bill(bill.to_string()).into())
    }

    /// Resolves a version reference: sequence number, label, or `latest`.
    pub fn version_id(&self, bill: &str, reference: &str) -> Result<i64> {
        let bill_id = self.bill_id(bill)?;
        let r = reference.trim();
        let found: Option<i64> = if r.eq_ignore_ascii_case("latest") {
            self.conn
                .query_row("SELECT id FROM versions WHERE bill_id = ?1 ORDER BY seq DESC LIMIT 1", [bill_id], |row| row.get(0))
                .optional()?
        } else if let Ok(seq) = r.parse::<i64>() {
            self.conn
                .query_row("SELECT id FROM versions WHERE bill_id = ?1 AND seq = ?2", params![bill_id, seq], |row| row.get(0))
                .optional()?
        } else {
            self.conn
                .query_row("SELECT id FROM versions WHERE bill_id = ?1 AND label = ?2 COLLATE NOCASE", params![bill_id, r], |row| {
                    row.get(0)
                })
                .optional()?
        };
        found.ok_or_else(|| NotFound::Version { bill: bill.to_string(), reference: reference.to_string() }.into())
    }
}

/// One version in a clause's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct HistoryStep {
    /// Version number.
    pub seq: i64,
    /// Version label.
    pub label: String,
    /// Version date.
    pub date: Option<String>,
    /// The clause in this version (first), with split parts or merged clauses.
    pub clauses: Vec<ClauseRef>,
    /// What happened since the version before: added, unchanged, modified, split, merged, deleted.
    pub change: String,
    /// One line for a person.
    pub summary: String,
}

fn art(num: Option<&str>) -> String {
    match num {
        Some(n) => format!("clause {n}"),
        None => "an unnumbered clause".into(),
    }
}

/// `drafts/<bill>/manifest.json`.
#[derive(Debug, Deserialize)]
struct Manifest {
    slug: String,
    title: String,
    lang: String,
    #[serde(default)]
    illustrative: bool,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    translation_of: Option<String>,
    versions: Vec<ManifestVersion>,
}

#[derive(Debug, Deserialize)]
struct ManifestVersion {
    file: String,
    label: String,
    date: Option<String>,
    stage: Option<String>,
    provenance: String,
    lang: Option<String>,
}

fn ensure_bill(tx: &Transaction, slug: &str, title: Option<&str>, lang: &str) -> Result<(i64, bool)> {
    if let Some(id) = tx.query_row("SELECT id FROM bills WHERE slug = ?1", [slug], |r| r.get(0)).optional()? {
        return Ok((id, false));
    }
    let title = title.map(str::trim).filter(|t| !t.is_empty()).unwrap_or(slug);
    tx.execute("INSERT INTO bills (slug, title, lang) VALUES (?1, ?2, ?3)", params![slug, title, lang])?;
    Ok((tx.last_insert_rowid(), true))
}

fn insert_tree(tx: &Transaction, version_id: i64, tree: &[Node]) -> Result<usize> {
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

/// Tree loading inside lineage code, which speaks rusqlite errors.
fn into_sqlite(e: Error) -> rusqlite::Error {
    match e {
        Error::Store(store::StoreError::Sqlite(e)) => e,
        other => rusqlite::Error::ToSqlConversionFailure(Box::new(std::io::Error::other(other.to_string()))),
    }
}

fn unique_label(tx: &Transaction, bill_id: i64, base: &str) -> Result<String> {
    let mut label = base.to_string();
    let mut k = 2;
    while tx.query_row("SELECT EXISTS(SELECT 1 FROM versions WHERE bill_id = ?1 AND label = ?2)", params![bill_id, label], |r| {
        r.get::<_, bool>(0)
    })? {
        label = format!("{base} ({k})");
        k += 1;
    }
    Ok(label)
}

fn default_label(file_name: &str, seq: i64) -> String {
    let stem = file_name.rsplit_once('.').map_or(file_name, |(s, _)| s).trim();
    if stem.is_empty() {
        format!("Version {seq}")
    } else {
        stem.to_string()
    }
}

fn validate_slug(slug: &str) -> Result<()> {
    let ok = !slug.is_empty()
        && slug.len() <= 64
        && slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && !slug.starts_with('-');
    if ok {
        Ok(())
    } else {
        Err(Error::invalid("bill", format!(
            "\"{slug}\" is not a valid bill slug: use 1 to 64 lower-case letters, digits, '-' or '_' (e.g. lango-2015)"
        )))
    }
}

/// Checks a `YYYY-MM-DD` calendar date.
pub fn validate_date(d: &str) -> Result<()> {
    let bad = || Error::invalid("date", format!("\"{d}\" is not a date: write it as YYYY-MM-DD, e.g. 2019-01-14"));
    let parts: Vec<&str> = d.split('-').collect();
    if parts.len() != 3 || parts[0].len() != 4 || parts[1].len() != 2 || parts[2].len() != 2 {
        return Err(bad());
    }
    let y: u32 = parts[0].parse().map_err(|_| bad())?;
    let m: u32 = parts[1].parse().map_err(|_| bad())?;
    let day: u32 = parts[2].parse().map_err(|_| bad())?;
    let leap = y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400));
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if day == 0 || day > days {
        return Err(bad());
    }
    Ok(())
}

/// Guesses the language of a tree from its text: Khmer script, else German or
/// English by their commonest function words, else `und` (undetermined).
pub fn detect_lang(tree: &[Node]) -> String {
    let mut khmer = 0usize;
    let mut letters = 0usize;
    let (mut de, mut en) = (0usize, 0usize);
    for n in structure::walk_all(tree).into_iter().take(2000) {
        for t in [n.text.as_str(), n.heading.as_deref().unwrap_or("")] {
            for c in t.chars() {
                if c.is_alphabetic() {
                    letters += 1;
                    if crate::text::khmer::is_khmer(c) {
                        khmer += 1;
                    }
                }
            }
            for w in t.split_whitespace() {
                match w.to_lowercase().as_str() {
                    "der" | "die" | "das" | "und" | "des" | "nicht" | "wird" => de += 1,
                    "the" | "and" | "of" | "shall" | "is" | "to" | "be" => en += 1,
                    _ => {}
                }
            }
        }
    }
    if letters > 0 && khmer * 10 >= letters * 3 {
        "km".into()
    } else if de > en {
        "de".into()
    } else if en > 0 {
        "en".into()
    } else {
        "und".into()
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
pub(crate) mod tests;
