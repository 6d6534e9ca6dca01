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
//!
//! Here are the format and the merge rules; the SQL is with its tables
//! (`store`, `annotate::db`, `positions::db`). The entry types repeat fields
//! of `VersionInfo`, `Annotation` and `Position` on purpose: the manifest is
//! a wire format with its own [`FORMAT_VERSION`], which a field added to an
//! app type must not change unnoticed; it names things by what both sides
//! share (a version by its file's hash, a clause by its eId, an organisation
//! by its uid), not by local ids; it carries impact, status and anchor as
//! their stored names, checked on merge. Types that are the same on both
//! sides are used as they are (`Organisation`, `Right`, `Quote`, `Event`,
//! `Reply`). `#[serde(flatten)]` could share the other runs of fields in the
//! JSON, but not in the TypeScript bindings (ts-rs writes flattened fields
//! last) nor in the field paths the CLI, the app and the exporters read.

use std::collections::HashMap;
use std::io::{Read, Write};

use rusqlite::{Connection, Transaction};
use serde::{Deserialize, Serialize};

use crate::annotate::anchor::Quote;
use crate::annotate::db::{self as annotation_db, PlacementRow};
use crate::annotate::taxonomy::Right;
use crate::annotate::{Event, Reply};
use crate::error::{Error, Result};
use crate::hash::sha256_hex;
use crate::positions::db as position_db;
use crate::positions::Organisation;
use crate::store;

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

/// Builds the bundle of `bill`: the ZIP file's bytes.
pub fn export(conn: &Connection, root: &std::path::Path, bill: &str) -> Result<Vec<u8>> {
    let (bill_id, title, lang) = store::versions::find_bill_header(conn, bill)?.ok_or_else(|| crate::error::NotFound::Bill(bill.into()))?;
    let versions: Vec<VersionEntry> = store::versions::with_files(conn, bill_id)?
        .into_iter()
        .map(|(seq, label, date, stage, lang, provenance, sha256, file_name)| VersionEntry {
            seq,
            label,
            date,
            stage,
            lang,
            provenance,
            sha256,
            file_name,
        })
        .collect();
    // The organisations named by annotations, replies and endorsements.
    let mut org_ids: Vec<i64> = Vec::new();
    let annotations = annotation_entries(conn, bill_id, &mut org_ids)?;
    let positions = position_entries(conn, bill_id, &mut org_ids)?;
    org_ids.sort_unstable();
    org_ids.dedup();
    let organisations = org_ids.into_iter().map(|id| store::organisations::by_id(conn, id)).collect::<Result<_>>()?;
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
    write(root, &manifest)
}

/// The entries of a bill's annotations, oldest first; the organisations they
/// and their replies name are added to `org_ids`.
fn annotation_entries(conn: &Connection, bill_id: i64, org_ids: &mut Vec<i64>) -> Result<Vec<AnnotationEntry>> {
    let placement = |(version_id, provision, anchor, score, pos_start, pos_end): PlacementRow| -> Result<PlacementEntry> {
        let version = store::versions::source_of(conn, version_id)?;
        let eid = provision.map(|p| store::provisions::eid(conn, p)).transpose()?;
        Ok(PlacementEntry { version, eid, anchor, score, pos_start, pos_end })
    };
    let org_uid = |id: Option<i64>| -> Result<Option<String>> { id.map(|i| store::organisations::uid(conn, i)).transpose() };
    let mut annotations = Vec::new();
    for id in annotation_db::ids_of_bill(conn, bill_id)? {
        let a = crate::annotate::get(conn, id)?;
        let (version_id, provision, org_id) = annotation_db::placed_on_with_org(conn, id)?;
        org_ids.extend(org_id);
        let current = placement((
            version_id,
            provision,
            a.anchor.as_str().into(),
            a.anchor_score,
            a.quote.as_ref().map(|q| q.start as i64),
            a.quote.as_ref().map(|q| q.end as i64),
        ))?;
        let placements = annotation_db::placement_rows(conn, id)?.into_iter().map(placement).collect::<Result<_>>()?;
        let detail = crate::annotate::detail(conn, id)?;
        let mut replies = Vec::new();
        let reply_orgs = annotation_db::reply_orgs(conn, id)?;
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
    Ok(annotations)
}

/// The entries of a bill's positions, oldest first; the endorsing
/// organisations are added to `org_ids`.
fn position_entries(conn: &Connection, bill_id: i64, org_ids: &mut Vec<i64>) -> Result<Vec<PositionEntry>> {
    let mut positions = Vec::new();
    for id in position_db::ids_of_bill(conn, bill_id)? {
        let (uid, version, title, intro, closing, lang, created_at, updated_at) = position_db::row(conn, id)?;
        let items = position_db::item_uids(conn, id)?;
        let rows = position_db::endorsement_rows(conn, id)?;
        org_ids.extend(rows.iter().map(|r| r.0));
        let endorsements = rows.into_iter().map(|(_, u, s, d, n)| (u, s, d, n)).collect();
        positions.push(PositionEntry { uid, version, title, intro, closing, lang, created_at, updated_at, items, endorsements });
    }
    Ok(positions)
}

/// The ZIP file of a manifest: the manifest, its checksum and the original
/// file of each version (read from the workspace's `sources/`).
fn write(root: &std::path::Path, manifest: &Manifest) -> Result<Vec<u8>> {
    let json = serde_json::to_vec_pretty(manifest).expect("plain data");
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
    let mut local = Local { conn: tx, versions, orgs: HashMap::new() };
    for o in &m.organisations {
        // By uid, else by short name: the same organisation added on both sides.
        let id = match store::organisations::matching(tx, &o.uid, &o.short_name)? {
            Some(id) => id,
            None => {
                crate::positions::add(tx, o)?;
                report.organisations_added += 1;
                store::organisations::id_of_uid(tx, &o.uid)?
            }
        };
        local.orgs.insert(o.uid.clone(), id);
    }
    for r in &m.rights {
        if crate::annotate::taxonomy::find(tx, &r.id)?.is_none() {
            crate::annotate::taxonomy::add(tx, r)?;
        }
    }
    for a in &m.annotations {
        merge_annotation(&local, a, report)?;
    }
    for p in &m.positions {
        merge_position(&local, p, report)?;
    }
    Ok(())
}

/// What a bundle's names are in the workspace it merges into.
struct Local<'a> {
    conn: &'a Connection,
    /// Version ids by file hash.
    versions: &'a HashMap<String, i64>,
    /// Organisation ids by uid.
    orgs: HashMap<String, i64>,
}

impl Local<'_> {
    /// (version id, provision id) of a version's file hash and a clause's eId
    /// (None: no clause, or one the version does not have).
    fn place(&self, version: &str, eid: &Option<String>) -> Result<(i64, Option<i64>)> {
        let v = *self
            .versions
            .get(version)
            .ok_or_else(|| Error::BundleRefused(format!("the bundle refers to a version it does not carry ({version})")))?;
        let p = match eid {
            Some(e) => store::provisions::find_id(self.conn, v, e)?,
            None => None,
        };
        Ok((v, p))
    }

    /// The id of the organisation with this uid.
    fn org(&self, uid: &Option<String>) -> Option<i64> {
        uid.as_ref().and_then(|u| self.orgs.get(u).copied())
    }
}

/// Merges an annotation by uid: new, it is added; known, the side edited last
/// gives its fields. Placements, history events and replies are a union.
fn merge_annotation(l: &Local, a: &AnnotationEntry, report: &mut BundleReport) -> Result<()> {
    let tx = l.conn;
    crate::annotate::taxonomy::check(tx, &a.rights)?;
    crate::annotate::Impact::parse(&a.impact)?;
    crate::annotate::Status::parse(&a.status)?;
    let list = |v: &[String]| serde_json::to_string(v).expect("strings");
    let (version_id, provision_id) = l.place(&a.current.version, &a.current.eid)?;
    let local = annotation_db::stamp_of_uid(tx, &a.uid)?;
    let row = annotation_db::Row {
        uid: &a.uid,
        bill_id: store::versions::bill_of(tx, version_id)?,
        lineage: &a.lineage,
        version_id,
        provision_id,
        anchor: &a.current.anchor,
        anchor_score: a.current.score,
        anchor_note: a.anchor_note.as_deref(),
        quote: a.quote.as_ref(),
        title: &a.title,
        concern: &a.concern,
        recommendation: &a.recommendation,
        proposed: a.proposed.as_deref(),
        delete_clause: a.delete_clause,
        rights: list(&a.rights),
        impact: &a.impact,
        refs: list(&a.refs),
        tags: list(&a.tags),
        status: &a.status,
        author: &a.author,
        org_id: l.org(&a.org),
        created_at: &a.created_at,
        updated_at: &a.updated_at,
    };
    let id = match local {
        None => {
            let id = annotation_db::insert(tx, &row)?;
            report.annotations_added += 1;
            id
        }
        Some((id, updated)) => {
            if a.updated_at > updated {
                annotation_db::replace_fields(tx, id, &row)?;
                report.annotations_updated += 1;
            }
            id
        }
    };
    for p in &a.placements {
        let (v, pid) = l.place(&p.version, &p.eid)?;
        annotation_db::add_placement(tx, id, &(v, pid, p.anchor.clone(), p.score, p.pos_start, p.pos_end))?;
    }
    for e in &a.events {
        let changes = e.changes.to_string();
        if !annotation_db::has_event(tx, &a.uid, &e.at, &e.author, &e.action, &changes)? {
            annotation_db::insert_event(tx, &a.uid, &e.at, &e.author, &e.action, &changes)?;
            report.events_added += 1;
        }
    }
    for r in &a.replies {
        if !annotation_db::has_reply(tx, &r.uid)? {
            annotation_db::insert_reply(tx, id, r, l.org(&r.org))?;
            report.replies_added += 1;
        }
    }
    Ok(())
}

/// Merges a position by uid: new, it is added; known, a newer edit brings its
/// texts and items. Per organisation, the later endorsement wins.
fn merge_position(l: &Local, p: &PositionEntry, report: &mut BundleReport) -> Result<()> {
    let tx = l.conn;
    let (version_id, _) = l.place(&p.version, &None)?;
    let row = position_db::Imported {
        uid: &p.uid,
        bill_id: store::versions::bill_of(tx, version_id)?,
        version_id,
        title: &p.title,
        intro: &p.intro,
        closing: &p.closing,
        lang: &p.lang,
        created_at: &p.created_at,
        updated_at: &p.updated_at,
    };
    let (id, take_items) = match position_db::stamp_of_uid(tx, &p.uid)? {
        None => {
            let id = position_db::insert_imported(tx, &row)?;
            report.positions_added += 1;
            (id, true)
        }
        Some((id, updated)) if p.updated_at > updated => {
            position_db::replace_texts(tx, id, &row)?;
            report.positions_updated += 1;
            (id, true)
        }
        Some((id, _)) => (id, false),
    };
    if take_items {
        position_db::write_order_by_uid(tx, id, &p.items)?;
    }
    for (org, state, date, note) in &p.endorsements {
        let Some(org_id) = l.orgs.get(org) else { continue };
        crate::positions::EndorsementState::parse(state)?;
        position_db::endorse_if_later(tx, id, *org_id, state, date, note.as_deref())?;
    }
    Ok(())
}
