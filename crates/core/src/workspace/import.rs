//! Importing a file: read and parse it whole, then store the version, its
//! provisions, clause links, lineages and carried annotations in one SQLite
//! transaction; the original file is written under `sources/` inside that
//! transaction's lifetime and removed again if the commit fails. A refused
//! file leaves the workspace exactly as it was.

use super::{parse::read_file, parse_bytes, Provenance, VersionInfo, Workspace};
use crate::annotate;
use crate::error::{Conflict, Error, Result};
use crate::ingest::{self, Format};
use crate::store::{self, provisions::ClauseTexts};
use crate::structure::{self, Node};
use rusqlite::Transaction;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

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

impl Workspace {
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
            crate::text::date::check_date(d).map_err(|m| Error::invalid("date", m))?;
        }
        let sha = crate::hash::sha256_hex(bytes);
        if let Some((bill, seq)) = store::versions::find_source(&self.conn, &sha)? {
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
    let (bill_id, new_bill) = store::versions::ensure_bill(tx, &opts.bill, opts.title.as_deref().or(ingested.title.as_deref()), &lang)?;
    let seq = store::versions::next_seq(tx, bill_id)?;
    let label = match &opts.label {
        Some(l) if !l.trim().is_empty() => {
            let l = l.trim().to_string();
            if store::versions::label_taken(tx, bill_id, &l)? {
                return Err(Conflict::DuplicateLabel { bill: opts.bill.clone(), label: l.clone() }.into());
            }
            l
        }
        _ => store::versions::unique_label(tx, bill_id, &default_label(file_name, seq))?,
    };
    let report = serde_json::to_string(&notes).unwrap_or_default();
    let version_id = store::versions::insert(
        tx,
        &store::versions::NewVersion {
            bill_id,
            seq,
            label: &label,
            date: opts.date.as_deref(),
            stage: opts.stage.as_deref(),
            lang: &lang,
            provenance,
            format: format.as_str(),
            sha256: sha,
            report: &report,
            source: (bytes.len(), file_name),
        },
    )?;
    let provisions = store::provisions::insert_tree(tx, version_id, &tree)?;
    super::lineage::link_version(tx, version_id)?;
    // Open annotations of the previous version are placed on this one, in
    // the same transaction: the import lands whole or not at all.
    let texts = ClauseTexts::new(tx);
    let carried = annotate::carry_forward(tx, version_id, &|p| texts.get(p))?.len();
    let written = write_source(root, sha, bytes)?;
    Ok(Stored { version_id, seq, provisions, new_bill, carried, written })
}

/// Writes `sources/<sha>` unless it exists; returns the path if written now.
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

fn default_label(file_name: &str, seq: i64) -> String {
    let stem = file_name.rsplit_once('.').map_or(file_name, |(s, _)| s).trim();
    if stem.is_empty() {
        format!("Version {seq}")
    } else {
        stem.to_string()
    }
}

pub(super) fn validate_slug(slug: &str) -> Result<()> {
    let ok = !slug.is_empty()
        && slug.len() <= 64
        && slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && !slug.starts_with('-');
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            "bill",
            format!("\"{slug}\" is not a valid bill slug: use 1 to 64 lower-case letters, digits, '-' or '_' (e.g. lango-2015)"),
        ))
    }
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
