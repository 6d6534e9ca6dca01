//! What crosses to other tools and desktops: annotations as W3C JSON-LD (out and in), a version as Akoma Ntoso, coalition bundles.

use super::import::{store_version, validate_slug};
use super::{parse_bytes, ImportOptions, Provenance, Workspace};
use crate::error::{Error, Result};
use crate::export::bundle;
use crate::store;
use crate::{annotate, positions};
use std::path::PathBuf;

impl Workspace {
    /// Imports W3C Web Annotation JSON-LD (as exported by Draftwatch, or by
    /// another tool targeting Draftwatch clauses) in one transaction.
    /// Annotations the workspace already has (same id) are skipped; an
    /// unknown organisation is added with its short name as its name.
    /// Returns (added, already there).
    pub fn annotations_import_w3c(&mut self, json: &str) -> Result<(usize, usize)> {
        let v: serde_json::Value = serde_json::from_str(json)
            .map_err(|e| Error::invalid("file", format!("not JSON: {e} (line {}, column {})", e.line(), e.column())))?;
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
        let (_, title, _) =
            store::versions::find_bill_header(&self.conn, bill)?.ok_or_else(|| crate::error::NotFound::Bill(bill.into()))?;
        Ok(crate::export::akn::version(bill, &title, &v, &self.tree(bill, version)?))
    }

    /// A coalition bundle of a bill: its versions' original files, annotations,
    /// organisations and positions, as one file's bytes (see [`crate::export::bundle`]).
    pub fn bundle_export(&self, bill: &str) -> Result<Vec<u8>> {
        bundle::export(&self.conn, &self.root, bill)
    }

    /// Imports and merges a bundle, in one transaction; a refused bundle
    /// changes nothing. Importing the same bundle again changes nothing.
    pub fn bundle_import(&mut self, bytes: &[u8]) -> Result<bundle::BundleReport> {
        let checked = bundle::check(bytes)?;
        let m = &checked.manifest;
        validate_slug(&m.bill.slug)?;
        // Everything new is read and parsed before the workspace is touched.
        let mut versions: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
        let mut todo = Vec::new();
        let mut ordered: Vec<&bundle::VersionEntry> = m.versions.iter().collect();
        ordered.sort_by_key(|v| v.seq);
        for v in ordered {
            let local: Option<i64> = store::versions::id_by_source(&self.conn, &v.sha256)?;
            if let Some(id) = local {
                versions.insert(v.sha256.clone(), id);
                continue;
            }
            let bytes =
                checked.sources.get(&v.sha256).ok_or_else(|| Error::BundleRefused(format!("version \"{}\" has no file in it", v.label)))?;
            if let Some(d) = &v.date {
                crate::text::date::check_date(d).map_err(|m| Error::invalid("date", m))?;
            }
            todo.push((v, parse_bytes(bytes, &v.file_name, None)?));
        }
        let mut report = bundle::BundleReport::default();
        let mut written: Vec<PathBuf> = Vec::new();
        let tx = self.conn.transaction()?;
        let merged = (|| -> Result<()> {
            for (v, parsed) in todo {
                let taken = match store::versions::find_bill(&tx, &m.bill.slug)? {
                    Some(bill_id) => store::versions::label_taken(&tx, bill_id, &v.label)?,
                    None => false,
                };
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
