//! Coalition bundles: one file with a bill's versions (the original files),
//! its annotations (with their history, replies and placements), the
//! organisations they name and the joint positions on it, which another
//! workspace imports and merges.
//!
//! A bundle is a ZIP archive with exactly `manifest.json`, `manifest.sha256`
//! (the manifest's SHA-256) and `sources/<sha256>` (each original file, named
//! by its own SHA-256). Import checks everything before it changes anything:
//! entry names (no `..`, no absolute path, nothing else), sizes, every
//! checksum, the JSON, and that every new version parses. Then it merges in
//! one transaction, by identity, never by position:
//! - versions by the SHA-256 of their file (one the workspace has is reused);
//! - organisations by uid, else by short name; rights by id;
//! - annotations, replies and positions by uid. History events are merged
//!   as a union, so an annotation edited on both sides keeps both edits in
//!   its history; its fields are those of the side edited last
//!   (`updated_at`). Endorsements keep, per organisation, the latest.
//!
//! Importing the same bundle twice changes nothing. The checksums catch a
//! damaged or altered file; they do not prove who made the bundle (anyone
//! can recompute them): that needs signatures, which Draftwatch does not do
//! yet.

use std::collections::HashMap;
use std::io::{Read, Write};

use crate::hash::sha256_hex;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::annotate::anchor::Quote;
use crate::annotate::taxonomy::Right;
use crate::annotate::{Event, Reply};
use crate::error::{Error, Result};
use crate::positions::Organisation;

/// The manifest's `format` value.
pub const FORMAT: &str = "draftwatch-bundle";
/// The manifest layout this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// Largest bundle read (compressed or not).
pub const MAX_BUNDLE_BYTES: u64 = 512 * 1024 * 1024;

/// The manifest of a bundle.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    /// [`FORMAT`].
    pub format: String,
    /// [`FORMAT_VERSION`].
    pub format_version: u32,
    /// The bill.
    pub bill: BillEntry,
    /// Its versions, oldest first.
    pub versions: Vec<VersionEntry>,
    /// Organisations named by annotations, replies and endorsements.
    pub organisations: Vec<Organisation>,
    /// The user rights the annotations use.
    pub rights: Vec<Right>,
    /// Annotations.
    pub annotations: Vec<AnnotationEntry>,
    /// Joint positions.
    pub positions: Vec<PositionEntry>,
}

/// The bill.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BillEntry {
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Language.
    pub lang: Option<String>,
}

/// A version.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VersionEntry {
    /// Sequence number in the exporting workspace.
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
    /// SHA-256 of the original file (`sources/<sha256>`).
    pub sha256: String,
    /// The original file name.
    pub file_name: String,
}

/// A placement: a version (by file hash) and clause (by eId).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlacementEntry {
    /// The version's file hash.
    pub version: String,
    /// The clause's eId (None: deleted).
    pub eid: Option<String>,
    /// Anchor state.
    pub anchor: String,
    /// Score.
    pub score: f64,
    /// Quote start.
    pub pos_start: Option<i64>,
    /// Quote end.
    pub pos_end: Option<i64>,
}

/// An annotation with everything that goes with it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AnnotationEntry {
    /// Uid.
    pub uid: String,
    /// Lineage.
    pub lineage: String,
    /// Where it stands now.
    pub current: PlacementEntry,
    /// Its note.
    pub anchor_note: Option<String>,
    /// Its quote there.
    pub quote: Option<Quote>,
    /// Title.
    pub title: String,
    /// Concern.
    pub concern: String,
    /// Recommendation.
    pub recommendation: String,
    /// Proposed wording.
    pub proposed: Option<String>,
    /// Recommend deletion.
    pub delete_clause: bool,
    /// Rights.
    pub rights: Vec<String>,
    /// Impact.
    pub impact: String,
    /// References.
    pub refs: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Status.
    pub status: String,
    /// Author.
    pub author: String,
    /// Organisation uid.
    pub org: Option<String>,
    /// Created.
    pub created_at: String,
    /// Last changed.
    pub updated_at: String,
    /// Every placement.
    pub placements: Vec<PlacementEntry>,
    /// History.
    pub events: Vec<Event>,
    /// Replies (organisation as uid).
    pub replies: Vec<Reply>,
}

/// A joint position.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PositionEntry {
    /// Uid.
    pub uid: String,
    /// The version's file hash.
    pub version: String,
    /// Title.
    pub title: String,
    /// Introduction.
    pub intro: String,
    /// Closing.
    pub closing: String,
    /// Language.
    pub lang: String,
    /// Created.
    pub created_at: String,
    /// Last changed.
    pub updated_at: String,
    /// Items: annotation uids in order.
    pub items: Vec<String>,
    /// Endorsements: (organisation uid, state, date, note).
    pub endorsements: Vec<(String, String, String, Option<String>)>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct BundleReport {
    /// Versions added.
    pub versions_added: usize,
    /// Organisations added.
    pub organisations_added: usize,
    /// Annotations added.
    pub annotations_added: usize,
    /// Annotations whose fields were replaced by a newer edit.
    pub annotations_updated: usize,
    /// History events added.
    pub events_added: usize,
    /// Replies added.
    pub replies_added: usize,
    /// Positions added.
    pub positions_added: usize,
    /// Positions updated.
    pub positions_updated: usize,
}

/// A placement row: version id, provision id, anchor, score, quote start and end.
type RawPlacement = (i64, Option<i64>, String, f64, Option<i64>, Option<i64>);

fn json_list(conn: &Connection, sql: &str, id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Builds the bundle of `bill`: the ZIP file's bytes.
pub fn export(conn: &Connection, root: &std::path::Path, bill: &str) -> Result<Vec<u8>> {
    let (bill_id, title, lang): (i64, String, Option<String>) = conn
        .query_row("SELECT id, title, lang FROM bills WHERE slug = ?1", [bill], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| crate::error::NotFound::Bill(bill.into()))?;
    let mut stmt = conn.prepare(
        "SELECT v.seq, v.label, v.date, v.stage, v.lang, v.provenance, v.source_sha256, COALESCE(s.file_name, v.source_sha256) \
         FROM versions v JOIN sources s ON s.sha256 = v.source_sha256 WHERE v.bill_id = ?1 ORDER BY v.seq",
    )?;
    let versions: Vec<VersionEntry> = stmt
        .query_map([bill_id], |r| {
            Ok(VersionEntry {
                seq: r.get(0)?,
                label: r.get(1)?,
                date: r.get(2)?,
                stage: r.get(3)?,
                lang: r.get(4)?,
                provenance: r.get(5)?,
                sha256: r.get(6)?,
                file_name: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let placement =
        |version_id: i64, provision: Option<i64>, anchor: String, score: f64, s: Option<i64>, e: Option<i64>| -> Result<PlacementEntry> {
            let version: String = conn.query_row("SELECT source_sha256 FROM versions WHERE id = ?1", [version_id], |r| r.get(0))?;
            let eid = provision.map(|p| conn.query_row("SELECT eid FROM provisions WHERE id = ?1", [p], |r| r.get(0))).transpose()?;
            Ok(PlacementEntry { version, eid, anchor, score, pos_start: s, pos_end: e })
        };
    let org_uid = |id: Option<i64>| -> Result<Option<String>> {
        Ok(id.map(|i| conn.query_row("SELECT uid FROM organisations WHERE id = ?1", [i], |r| r.get(0))).transpose()?)
    };
    let mut org_ids: Vec<i64> = Vec::new();
    let mut annotations = Vec::new();
    let ids = json_list(conn, "SELECT CAST(id AS TEXT) FROM annotations WHERE bill_id = ?1 ORDER BY id", bill_id)?;
    for id in ids.iter().map(|s| s.parse::<i64>().expect("integer")) {
        let a = crate::annotate::get(conn, id)?;
        let (version_id, provision, org_id): (i64, Option<i64>, Option<i64>) =
            conn.query_row("SELECT version_id, provision_id, org_id FROM annotations WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        org_ids.extend(org_id);
        let current = placement(
            version_id,
            provision,
            a.anchor.as_str().into(),
            a.anchor_score,
            a.quote.as_ref().map(|q| q.start as i64),
            a.quote.as_ref().map(|q| q.end as i64),
        )?;
        let mut stmt = conn.prepare(
            "SELECT version_id, provision_id, anchor, score, pos_start, pos_end FROM annotation_placements WHERE annotation_id = ?1 ORDER BY version_id",
        )?;
        let raw: Vec<RawPlacement> = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let placements = raw.into_iter().map(|(v, p, an, sc, s, e)| placement(v, p, an, sc, s, e)).collect::<Result<_>>()?;
        let detail = crate::annotate::detail(conn, id)?;
        let mut replies = Vec::new();
        let mut stmt = conn.prepare("SELECT uid, org_id FROM annotation_replies WHERE annotation_id = ?1")?;
        let reply_orgs: HashMap<String, Option<i64>> =
            stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        for r in detail.replies {
            let o = reply_orgs.get(&r.uid).copied().flatten();
            org_ids.extend(o);
            replies.push(Reply { org: org_uid(o)?, ..r });
        }
        annotations.push(AnnotationEntry {
            uid: a.uid,
            lineage: a.lineage,
            current,
            anchor_note: a.anchor_note,
            quote: a.quote,
            title: a.title,
            concern: a.concern,
            recommendation: a.recommendation,
            proposed: a.proposed,
            delete_clause: a.delete_clause,
            rights: a.rights,
            impact: a.impact.as_str().into(),
            refs: a.refs,
            tags: a.tags,
            status: a.status.as_str().into(),
            author: a.author,
            org: org_uid(org_id)?,
            created_at: a.created_at,
            updated_at: a.updated_at,
            placements,
            events: detail.history,
            replies,
        });
    }
    let mut positions = Vec::new();
    for id in json_list(conn, "SELECT CAST(id AS TEXT) FROM positions WHERE bill_id = ?1 ORDER BY id", bill_id)?
        .iter()
        .map(|s| s.parse::<i64>().expect("integer"))
    {
        let (uid, version, title, intro, closing, lang, created_at, updated_at): (String, String, String, String, String, String, String, String) = conn.query_row(
            "SELECT p.uid, v.source_sha256, p.title, p.intro, p.closing, p.lang, p.created_at, p.updated_at FROM positions p JOIN versions v ON v.id = p.version_id WHERE p.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)),
        )?;
        let items = json_list(
            conn,
            "SELECT a.uid FROM position_items i JOIN annotations a ON a.id = i.annotation_id WHERE i.position_id = ?1 ORDER BY i.ord",
            id,
        )?;
        let mut stmt = conn.prepare("SELECT e.org_id, o.uid, e.state, e.date, e.note FROM endorsements e JOIN organisations o ON o.id = e.org_id WHERE e.position_id = ?1")?;
        let rows: Vec<(i64, String, String, String, Option<String>)> =
            stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?.collect::<rusqlite::Result<_>>()?;
        org_ids.extend(rows.iter().map(|r| r.0));
        let endorsements = rows.into_iter().map(|(_, u, s, d, n)| (u, s, d, n)).collect();
        positions.push(PositionEntry { uid, version, title, intro, closing, lang, created_at, updated_at, items, endorsements });
    }
    org_ids.sort_unstable();
    org_ids.dedup();
    let mut organisations = Vec::new();
    for id in org_ids {
        let short: String = conn.query_row("SELECT short_name FROM organisations WHERE id = ?1", [id], |r| r.get(0))?;
        organisations.extend(crate::positions::find(conn, &short)?);
    }
    let used: Vec<&String> = annotations.iter().flat_map(|a| &a.rights).collect();
    let rights = crate::annotate::taxonomy::all(conn)?.into_iter().filter(|r| !r.builtin && used.contains(&&r.id)).collect();
    let manifest = Manifest {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        bill: BillEntry { slug: bill.into(), title, lang },
        versions,
        organisations,
        rights,
        annotations,
        positions,
    };
    let json = serde_json::to_vec_pretty(&manifest).expect("plain data");
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        let io = |e: zip::result::ZipError| Error::Io { what: "cannot write the bundle".into(), source: std::io::Error::other(e) };
        zip.start_file("manifest.json", opts).map_err(io)?;
        zip.write_all(&json).map_err(|e| io(e.into()))?;
        zip.start_file("manifest.sha256", opts).map_err(io)?;
        zip.write_all(sha256_hex(&json).as_bytes()).map_err(|e| io(e.into()))?;
        let mut seen = std::collections::HashSet::new();
        for v in &manifest.versions {
            if !seen.insert(v.sha256.clone()) {
                continue;
            }
            let bytes = std::fs::read(root.join("sources").join(&v.sha256))
                .map_err(|source| Error::Io { what: format!("cannot read the original file of {} ({})", v.label, v.sha256), source })?;
            zip.start_file(format!("sources/{}", v.sha256), opts).map_err(io)?;
            zip.write_all(&bytes).map_err(|e| io(e.into()))?;
        }
        zip.finish().map_err(io)?;
    }
    Ok(buf.into_inner())
}

/// A bundle read and checked, ready to merge.
pub struct Checked {
    /// The manifest.
    pub manifest: Manifest,
    /// Original files by hash.
    pub sources: HashMap<String, Vec<u8>>,
}

/// Reads and checks a bundle without touching any workspace.
pub fn check(bytes: &[u8]) -> Result<Checked> {
    let bad = Error::BundleRefused;
    if bytes.len() as u64 > MAX_BUNDLE_BYTES {
        return Err(bad(format!("it is larger than {} MB", MAX_BUNDLE_BYTES / (1024 * 1024))));
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| bad(format!("it is not a Draftwatch bundle (a ZIP archive): {e}")))?;
    let mut manifest_bytes = None;
    let mut manifest_sum = None;
    let mut sources = HashMap::new();
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).map_err(|e| bad(format!("entry {i} cannot be read: {e}")))?;
        let name = f.name().to_string();
        // Only these names, as written: no directories, no `..`, no absolute paths.
        let safe = f.enclosed_name().is_some_and(|p| p.to_string_lossy() == name);
        let is_source = name
            .strip_prefix("sources/")
            .is_some_and(|h| h.len() == 64 && h.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        if !safe || !(name == "manifest.json" || name == "manifest.sha256" || is_source) {
            return Err(bad(format!("it contains an unexpected path \"{name}\"")));
        }
        total += f.size();
        if f.size() > crate::ingest::MAX_FILE_BYTES || total > MAX_BUNDLE_BYTES {
            return Err(bad(format!("\"{name}\" is too large")));
        }
        let mut data = Vec::with_capacity(f.size() as usize);
        f.by_ref()
            .take(crate::ingest::MAX_FILE_BYTES + 1)
            .read_to_end(&mut data)
            .map_err(|e| bad(format!("\"{name}\" is damaged: {e}")))?;
        match name.as_str() {
            "manifest.json" => manifest_bytes = Some(data),
            "manifest.sha256" => manifest_sum = Some(String::from_utf8_lossy(&data).trim().to_string()),
            _ => {
                let hash = &name["sources/".len()..];
                if sha256_hex(&data) != hash {
                    return Err(bad(format!("the file \"{name}\" was altered or damaged (its checksum does not match)")));
                }
                sources.insert(hash.to_string(), data);
            }
        }
    }
    let json = manifest_bytes.ok_or_else(|| bad("it has no manifest.json".into()))?;
    if manifest_sum.as_deref() != Some(sha256_hex(&json).as_str()) {
        return Err(bad("manifest.json was altered or damaged (its checksum does not match manifest.sha256)".into()));
    }
    let manifest: Manifest = serde_json::from_slice(&json).map_err(|e| bad(format!("manifest.json is not valid: {e}")))?;
    if manifest.format != FORMAT || manifest.format_version > FORMAT_VERSION {
        return Err(bad(format!(
            "it is a {} bundle of version {}; this Draftwatch reads {FORMAT} up to {FORMAT_VERSION}",
            manifest.format, manifest.format_version
        )));
    }
    Ok(Checked { manifest, sources })
}

/// Merges a checked bundle in `tx`. `versions` maps a file hash to the local
/// version id, filled by the caller for the versions it stored.
pub fn merge(tx: &Transaction, c: &Checked, versions: &HashMap<String, i64>, report: &mut BundleReport) -> Result<()> {
    let m = &c.manifest;
    let mut orgs: HashMap<String, i64> = HashMap::new();
    for o in &m.organisations {
        let local: Option<i64> = tx
            .query_row(
                "SELECT id FROM organisations WHERE uid = ?1 OR short_name = ?2 ORDER BY uid = ?1 DESC LIMIT 1",
                params![o.uid, o.short_name],
                |r| r.get(0),
            )
            .optional()?;
        let id = match local {
            Some(id) => id,
            None => {
                crate::positions::add(tx, o)?;
                report.organisations_added += 1;
                tx.query_row("SELECT id FROM organisations WHERE uid = ?1", [&o.uid], |r| r.get(0))?
            }
        };
        orgs.insert(o.uid.clone(), id);
    }
    for r in &m.rights {
        if crate::annotate::taxonomy::find(tx, &r.id)?.is_none() {
            crate::annotate::taxonomy::add(tx, r)?;
        }
    }
    let provision = |version: &str, eid: &Option<String>| -> Result<(i64, Option<i64>)> {
        let v = *versions
            .get(version)
            .ok_or_else(|| Error::BundleRefused(format!("the bundle refers to a version it does not carry ({version})")))?;
        let p = match eid {
            Some(e) => {
                tx.query_row("SELECT id FROM provisions WHERE version_id = ?1 AND eid = ?2", params![v, e], |r| r.get(0)).optional()?
            }
            None => None,
        };
        Ok((v, p))
    };
    let org_of = |uid: &Option<String>| uid.as_ref().and_then(|u| orgs.get(u).copied());
    let list = |v: &[String]| serde_json::to_string(v).expect("strings");
    for a in &m.annotations {
        crate::annotate::taxonomy::check(tx, &a.rights)?;
        crate::annotate::Impact::parse(&a.impact)?;
        crate::annotate::Status::parse(&a.status)?;
        let (version_id, provision_id) = provision(&a.current.version, &a.current.eid)?;
        let local: Option<(i64, String)> =
            tx.query_row("SELECT id, updated_at FROM annotations WHERE uid = ?1", [&a.uid], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
        let bill_id: i64 = tx.query_row("SELECT bill_id FROM versions WHERE id = ?1", [version_id], |r| r.get(0))?;
        let id = match local {
            None => {
                tx.execute(
                    "INSERT INTO annotations (uid, bill_id, lineage, version_id, provision_id, anchor, anchor_score, anchor_note, quote_exact, quote_prefix, \
                     quote_suffix, pos_start, pos_end, title, concern, recommendation, proposed, delete_clause, rights, impact, refs, tags, status, author, \
                     org_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)",
                    params![
                        a.uid, bill_id, a.lineage, version_id, provision_id, a.current.anchor, a.current.score, a.anchor_note,
                        a.quote.as_ref().map(|q| q.exact.clone()), a.quote.as_ref().map(|q| q.prefix.clone()), a.quote.as_ref().map(|q| q.suffix.clone()),
                        a.quote.as_ref().map(|q| q.start as i64), a.quote.as_ref().map(|q| q.end as i64), a.title, a.concern, a.recommendation, a.proposed,
                        a.delete_clause, list(&a.rights), a.impact, list(&a.refs), list(&a.tags), a.status, a.author, org_of(&a.org), a.created_at, a.updated_at
                    ],
                )?;
                report.annotations_added += 1;
                tx.last_insert_rowid()
            }
            Some((id, updated)) => {
                if a.updated_at > updated {
                    tx.execute(
                        "UPDATE annotations SET title = ?2, concern = ?3, recommendation = ?4, proposed = ?5, delete_clause = ?6, rights = ?7, impact = ?8, \
                         refs = ?9, tags = ?10, status = ?11, org_id = ?12, updated_at = ?13 WHERE id = ?1",
                        params![id, a.title, a.concern, a.recommendation, a.proposed, a.delete_clause, list(&a.rights), a.impact, list(&a.refs), list(&a.tags), a.status, org_of(&a.org), a.updated_at],
                    )?;
                    report.annotations_updated += 1;
                }
                id
            }
        };
        for p in &a.placements {
            let (v, pid) = provision(&p.version, &p.eid)?;
            tx.execute(
                "INSERT OR IGNORE INTO annotation_placements (annotation_id, version_id, provision_id, anchor, score, pos_start, pos_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, v, pid, p.anchor, p.score, p.pos_start, p.pos_end],
            )?;
        }
        for e in &a.events {
            let changes = e.changes.to_string();
            let have: bool = tx.query_row(
                "SELECT EXISTS(SELECT 1 FROM annotation_events WHERE annotation_uid = ?1 AND at = ?2 AND author = ?3 AND action = ?4 AND changes = ?5)",
                params![a.uid, e.at, e.author, e.action, changes],
                |r| r.get(0),
            )?;
            if !have {
                tx.execute(
                    "INSERT INTO annotation_events (annotation_uid, at, author, action, changes) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![a.uid, e.at, e.author, e.action, changes],
                )?;
                report.events_added += 1;
            }
        }
        for r in &a.replies {
            let have: bool = tx.query_row("SELECT EXISTS(SELECT 1 FROM annotation_replies WHERE uid = ?1)", [&r.uid], |x| x.get(0))?;
            if !have {
                tx.execute(
                    "INSERT INTO annotation_replies (uid, annotation_id, author, org_id, body, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![r.uid, id, r.author, org_of(&r.org), r.body, r.created_at],
                )?;
                report.replies_added += 1;
            }
        }
    }
    for p in &m.positions {
        let (version_id, _) = provision(&p.version, &None)?;
        let bill_id: i64 = tx.query_row("SELECT bill_id FROM versions WHERE id = ?1", [version_id], |r| r.get(0))?;
        let local: Option<(i64, String)> =
            tx.query_row("SELECT id, updated_at FROM positions WHERE uid = ?1", [&p.uid], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
        let (id, take_items) = match local {
            None => {
                tx.execute(
                    "INSERT INTO positions (uid, bill_id, version_id, title, intro, closing, lang, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    params![p.uid, bill_id, version_id, p.title, p.intro, p.closing, p.lang, p.created_at, p.updated_at],
                )?;
                report.positions_added += 1;
                (tx.last_insert_rowid(), true)
            }
            Some((id, updated)) if p.updated_at > updated => {
                tx.execute(
                    "UPDATE positions SET title = ?2, intro = ?3, closing = ?4, updated_at = ?5 WHERE id = ?1",
                    params![id, p.title, p.intro, p.closing, p.updated_at],
                )?;
                report.positions_updated += 1;
                (id, true)
            }
            Some((id, _)) => (id, false),
        };
        if take_items {
            tx.execute("DELETE FROM position_items WHERE position_id = ?1", [id])?;
            for (ord, uid) in p.items.iter().enumerate() {
                tx.execute(
                    "INSERT INTO position_items (position_id, annotation_id, ord) SELECT ?1, id, ?3 FROM annotations WHERE uid = ?2",
                    params![id, uid, ord as i64],
                )?;
            }
        }
        for (org, state, date, note) in &p.endorsements {
            let Some(org_id) = orgs.get(org) else { continue };
            crate::positions::EndorsementState::parse(state)?;
            tx.execute(
                "INSERT INTO endorsements (position_id, org_id, state, date, note) VALUES (?1, ?2, ?3, ?4, ?5) \
                 ON CONFLICT (position_id, org_id) DO UPDATE SET state = excluded.state, date = excluded.date, note = excluded.note WHERE excluded.date > endorsements.date",
                params![id, org_id, state, date, note],
            )?;
        }
    }
    Ok(())
}
