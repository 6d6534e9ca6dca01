//! The sample bills of `drafts/`, embedded at build time and imported into a new workspace.

use super::{ImportOptions, ImportReport, Provenance, Workspace};
use crate::error::{Error, Result};
use serde::Deserialize;

mod files {
    include!(concat!(env!("OUT_DIR"), "/seed_files.rs"));
}

impl Workspace {
    /// Imports the sample bills of `drafts/` (embedded at build time).
    pub fn seed(&mut self) -> Result<Vec<ImportReport>> {
        let mut reports = Vec::new();
        let manifests: Vec<_> = files::SEED_FILES.iter().filter(|(p, _)| p.ends_with("/manifest.json")).collect();
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
                let bytes = files::SEED_FILES
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
            crate::store::versions::describe_bill(&self.conn, &m.slug, m.illustrative, m.note.as_deref(), m.translation_of.as_deref())?;
        }
        Ok(reports)
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
