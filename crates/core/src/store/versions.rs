//! The `bills` and `versions` tables: what a version is, and the SQL that reads and writes them.

use crate::error::{Error, NotFound, Result};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

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
            _ => {
                return Err(Error::invalid(
                    "provenance",
                    format!("unknown provenance \"{s}\": use official, leaked, translation or unofficial"),
                ))
            }
        })
    }
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

/// The id of the bill `slug`, created (with `title` and `lang`) if new; true if created.
pub(crate) fn ensure_bill(tx: &Transaction, slug: &str, title: Option<&str>, lang: &str) -> Result<(i64, bool)> {
    if let Some(id) = find_bill(tx, slug)? {
        return Ok((id, false));
    }
    let title = title.map(str::trim).filter(|t| !t.is_empty()).unwrap_or(slug);
    tx.execute("INSERT INTO bills (slug, title, lang) VALUES (?1, ?2, ?3)", params![slug, title, lang])?;
    Ok((tx.last_insert_rowid(), true))
}

/// `base`, or `base (2)`, `base (3)` ... whichever the bill does not have yet.
pub(crate) fn unique_label(tx: &Transaction, bill_id: i64, base: &str) -> Result<String> {
    let mut label = base.to_string();
    let mut k = 2;
    while label_taken(tx, bill_id, &label)? {
        label = format!("{base} ({k})");
        k += 1;
    }
    Ok(label)
}

/// Every bill, by slug, with its version count.
pub(crate) fn bills(conn: &Connection) -> Result<Vec<BillInfo>> {
    let mut stmt = conn.prepare(
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

/// The id of the bill `slug`.
pub(crate) fn bill_id(conn: &Connection, slug: &str) -> Result<i64> {
    find_bill(conn, slug)?.ok_or_else(|| NotFound::Bill(slug.to_string()).into())
}

/// Sets what a bill's manifest says of it (the sample bills of `drafts/`).
pub(crate) fn describe_bill(
    conn: &Connection,
    slug: &str,
    illustrative: bool,
    note: Option<&str>,
    translation_of: Option<&str>,
) -> Result<()> {
    conn.execute(
        "UPDATE bills SET illustrative = ?2, note = ?3, translation_of = (SELECT id FROM bills WHERE slug = ?4) WHERE slug = ?1",
        params![slug, illustrative, note, translation_of],
    )?;
    Ok(())
}

/// The version numbers of a bill, oldest first.
pub(crate) fn seqs(conn: &Connection, bill_id: i64) -> Result<Vec<i64>> {
    Ok(conn
        .prepare("SELECT seq FROM versions WHERE bill_id = ?1 ORDER BY seq")?
        .query_map([bill_id], |r| r.get(0))?
        .collect::<std::result::Result<_, _>>()?)
}

/// The id of a version of `bill`, named by sequence number, label (any case) or `latest`.
pub(crate) fn version_id(conn: &Connection, bill: &str, reference: &str) -> Result<i64> {
    let bill_id = bill_id(conn, bill)?;
    let r = reference.trim();
    let found: Option<i64> = if r.eq_ignore_ascii_case("latest") {
        conn.query_row("SELECT id FROM versions WHERE bill_id = ?1 ORDER BY seq DESC LIMIT 1", [bill_id], |row| row.get(0)).optional()?
    } else if let Ok(seq) = r.parse::<i64>() {
        conn.query_row("SELECT id FROM versions WHERE bill_id = ?1 AND seq = ?2", params![bill_id, seq], |row| row.get(0)).optional()?
    } else {
        conn.query_row("SELECT id FROM versions WHERE bill_id = ?1 AND label = ?2 COLLATE NOCASE", params![bill_id, r], |row| row.get(0))
            .optional()?
    };
    found.ok_or_else(|| NotFound::Version { bill: bill.to_string(), reference: reference.to_string() }.into())
}

/// The version with id `id` of the bill `bill`.
pub(crate) fn info(conn: &Connection, bill: &str, id: i64) -> Result<VersionInfo> {
    Ok(conn.query_row(
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

/// A version in a list: id, number, label, date.
pub(crate) type VersionRow = (i64, i64, String, Option<String>);

/// Every version of a bill, oldest first.
pub(crate) fn list(conn: &Connection, bill_id: i64) -> Result<Vec<VersionRow>> {
    Ok(conn
        .prepare("SELECT id, seq, label, date FROM versions WHERE bill_id = ?1 ORDER BY seq")?
        .query_map([bill_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<std::result::Result<_, _>>()?)
}

/// The bill and number of the version whose original file has this SHA-256, if any.
pub(crate) fn find_source(conn: &Connection, sha: &str) -> Result<Option<(String, i64)>> {
    Ok(conn
        .query_row("SELECT b.slug, v.seq FROM versions v JOIN bills b ON b.id = v.bill_id WHERE v.source_sha256 = ?1", [sha], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?)
}

/// The id of the version whose original file has this SHA-256, if any.
pub(crate) fn id_by_source(conn: &Connection, sha: &str) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT id FROM versions WHERE source_sha256 = ?1", [sha], |r| r.get(0)).optional()?)
}

/// Whether the bill already has a version with this label.
pub(crate) fn label_taken(conn: &Connection, bill_id: i64, label: &str) -> Result<bool> {
    Ok(conn.query_row("SELECT EXISTS(SELECT 1 FROM versions WHERE bill_id = ?1 AND label = ?2)", params![bill_id, label], |r| r.get(0))?)
}

/// The number the bill's next version gets.
pub(crate) fn next_seq(conn: &Connection, bill_id: i64) -> Result<i64> {
    Ok(conn.query_row("SELECT COALESCE(MAX(seq), 0) + 1 FROM versions WHERE bill_id = ?1", [bill_id], |r| r.get(0))?)
}

/// A version's row, as [`insert`] writes it.
pub(crate) struct NewVersion<'a> {
    pub bill_id: i64,
    pub seq: i64,
    pub label: &'a str,
    pub date: Option<&'a str>,
    pub stage: Option<&'a str>,
    pub lang: &'a str,
    pub provenance: Provenance,
    pub format: &'a str,
    pub sha256: &'a str,
    /// The importer's notes, as JSON.
    pub report: &'a str,
    /// The original file's size and name, for the `sources` row.
    pub source: (usize, &'a str),
}

/// Writes a version's row (and its source's, if new); returns the version's id.
pub(crate) fn insert(tx: &Transaction, v: &NewVersion) -> Result<i64> {
    let (size, file_name) = v.source;
    tx.execute("INSERT OR IGNORE INTO sources (sha256, size, file_name) VALUES (?1, ?2, ?3)", params![v.sha256, size as i64, file_name])?;
    tx.execute(
        "INSERT INTO versions (bill_id, seq, label, date, stage, lang, provenance, format, source_sha256, report) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![v.bill_id, v.seq, v.label, v.date, v.stage, v.lang, v.provenance.as_str(), v.format, v.sha256, v.report],
    )?;
    Ok(tx.last_insert_rowid())
}

/// The id of the bill `slug`, if the workspace has it.
pub(crate) fn find_bill(conn: &Connection, slug: &str) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT id FROM bills WHERE slug = ?1", [slug], |r| r.get(0)).optional()?)
}

/// (id, title, language) of the bill `slug`, if the workspace has it.
pub(crate) fn find_bill_header(conn: &Connection, slug: &str) -> Result<Option<(i64, String, Option<String>)>> {
    Ok(conn.query_row("SELECT id, title, lang FROM bills WHERE slug = ?1", [slug], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).optional()?)
}

/// A version with its original file: (number, label, date, stage, language,
/// provenance, the file's SHA-256, the file's name).
pub(crate) type FiledVersion = (i64, String, Option<String>, Option<String>, String, String, String, String);

/// Every version of a bill with its original file, oldest first; a file
/// stored without a name is named by its SHA-256.
pub(crate) fn with_files(conn: &Connection, bill_id: i64) -> Result<Vec<FiledVersion>> {
    let mut stmt = conn.prepare(
        "SELECT v.seq, v.label, v.date, v.stage, v.lang, v.provenance, v.source_sha256, COALESCE(s.file_name, v.source_sha256) \
         FROM versions v JOIN sources s ON s.sha256 = v.source_sha256 WHERE v.bill_id = ?1 ORDER BY v.seq",
    )?;
    let rows =
        stmt.query_map([bill_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)))?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// The SHA-256 of the original file of the version with this id.
pub(crate) fn source_of(conn: &Connection, id: i64) -> Result<String> {
    Ok(conn.query_row("SELECT source_sha256 FROM versions WHERE id = ?1", [id], |r| r.get(0))?)
}

/// The bill (its id) of the version with this id.
pub(crate) fn bill_of(conn: &Connection, id: i64) -> Result<i64> {
    Ok(conn.query_row("SELECT bill_id FROM versions WHERE id = ?1", [id], |r| r.get(0))?)
}

/// The highest version id: the search index's mark for versions.
pub(crate) fn last_id(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COALESCE(MAX(id), 0) FROM versions", [], |r| r.get(0))?)
}

/// (id, bill slug, number) of every version with an id above `after`, in id order.
pub(crate) fn after(conn: &Connection, after: i64) -> Result<Vec<(i64, String, i64)>> {
    let mut stmt =
        conn.prepare("SELECT v.id, b.slug, v.seq FROM versions v JOIN bills b ON b.id = v.bill_id WHERE v.id > ?1 ORDER BY v.id")?;
    let rows = stmt.query_map([after], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// (bill slug, number, label, language) of the version with this id.
pub(crate) fn describe(conn: &Connection, id: i64) -> Result<(String, i64, String, String)> {
    Ok(conn.query_row(
        "SELECT b.slug, v.seq, v.label, v.lang FROM versions v JOIN bills b ON b.id = v.bill_id WHERE v.id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?)
}

/// The language of version `seq` of the bill `slug`.
pub(crate) fn lang_of(conn: &Connection, slug: &str, seq: i64) -> Result<String> {
    Ok(conn.query_row(
        "SELECT v.lang FROM versions v JOIN bills b ON b.id = v.bill_id WHERE b.slug = ?1 AND v.seq = ?2",
        params![slug, seq],
        |r| r.get(0),
    )?)
}

/// The newest version number of each bill.
pub(crate) fn latest(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare("SELECT b.slug, MAX(v.seq) FROM versions v JOIN bills b ON b.id = v.bill_id GROUP BY b.id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The version of the same bill just before `version_id` (by number), if any.
pub(crate) fn previous(conn: &Connection, version_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT p.id FROM versions v JOIN versions p ON p.bill_id = v.bill_id AND p.seq < v.seq WHERE v.id = ?1 ORDER BY p.seq DESC LIMIT 1",
            [version_id],
            |r| r.get(0),
        )
        .optional()?)
}

/// The versions with clauses that have no lineage yet (stored before lineages
/// existed), oldest first within each bill.
pub(crate) fn without_lineage(conn: &Connection) -> Result<Vec<i64>> {
    let ids = conn
        .prepare(
            "SELECT DISTINCT v.id FROM versions v JOIN provisions p ON p.version_id = v.id
             WHERE p.is_clause = 1 AND p.lineage IS NULL ORDER BY v.bill_id, v.seq",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}
