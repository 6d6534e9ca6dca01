//! The zip package: members inflated under the size and ratio limits, and the
//! relationships that name the document's parts.

use super::part::{parse_xml, El};
use super::{missing_document, IngestError, Result};
use crate::ingest::limits::{self, MAX_MEMBER_BYTES, MAX_RATIO, MAX_TOTAL_BYTES};
use std::collections::HashMap;
use std::io::Cursor;

/// Below this declared size a member's compression ratio is not checked: tiny
/// parts of repeated markup legitimately compress very well.
pub(super) const RATIO_FLOOR: u64 = 1024 * 1024;

pub(super) struct Package<'a> {
    pub(super) zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Lower-cased member name → index.
    pub(super) names: HashMap<String, usize>,
    /// Bytes inflated so far.
    pub(super) used: u64,
}

impl<'a> Package<'a> {
    pub(super) fn open(bytes: &'a [u8]) -> Result<Package<'a>> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            IngestError::CorruptDocx(format!(
                "it is not a complete zip archive ({e}); the file may be truncated: copy or download it again"
            ))
        })?;
        let mut names = HashMap::new();
        for i in 0..zip.len() {
            if let Some(name) = zip.name_for_index(i) {
                names.entry(normalise_name(name)).or_insert(i);
            }
        }
        Ok(Package { zip, names, used: 0 })
    }

    /// Inflates one member, or `None` when the archive has no such member.
    pub(super) fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let Some(&index) = self.names.get(&normalise_name(name)) else { return Ok(None) };
        let file = self.zip.by_index(index).map_err(|e| {
            IngestError::CorruptDocx(match e {
                zip::result::ZipError::UnsupportedArchive(m) if m.contains("assword") => {
                    format!("{name} is encrypted; save the document without a password and import it again")
                }
                e => format!("cannot open {name}: {e}"),
            })
        })?;
        let declared = file.size();
        let compressed = file.compressed_size().max(1);
        if declared > MAX_MEMBER_BYTES {
            return Err(IngestError::ZipBomb { limit: MAX_MEMBER_BYTES });
        }
        if declared > RATIO_FLOOR && declared / compressed > MAX_RATIO {
            return Err(IngestError::ZipBomb { limit: compressed.saturating_mul(MAX_RATIO) });
        }
        let remaining = MAX_TOTAL_BYTES.saturating_sub(self.used);
        if declared > remaining {
            return Err(IngestError::ZipBomb { limit: MAX_TOTAL_BYTES });
        }
        let cap = MAX_MEMBER_BYTES.min(remaining);
        let data = limits::read_capped(file, cap).map_err(|e| match e {
            IngestError::ZipBomb { .. } if cap < MAX_MEMBER_BYTES => IngestError::ZipBomb { limit: MAX_TOTAL_BYTES },
            IngestError::CorruptDocx(m) => IngestError::CorruptDocx(format!("{name}: {m}")),
            e => e,
        })?;
        self.used += data.len() as u64;
        Ok(Some(data))
    }

    pub(super) fn parse_optional(&mut self, name: &str, keep_text: fn(&El) -> bool) -> Result<Option<El>> {
        match self.read(name)? {
            Some(bytes) => parse_xml(name, &bytes, keep_text).map(Some),
            None => Ok(None),
        }
    }

    /// The relationships of `part` (`""` for the package): `(type, resolved target)`.
    pub(super) fn rels_of(&mut self, part: &str) -> Result<Vec<(String, String)>> {
        let (dir, file) = match part.rsplit_once('/') {
            Some((d, f)) => (d, f),
            None => ("", part),
        };
        let rels_name = if dir.is_empty() { format!("_rels/{file}.rels") } else { format!("{dir}/_rels/{file}.rels") };
        let Some(el) = self.parse_optional(&rels_name, |_| false)? else { return Ok(Vec::new()) };
        Ok(el
            .children()
            .filter(|r| r.local == "Relationship" && r.attr("TargetMode") != Some("External"))
            .filter_map(|r| Some((r.attr("Type")?.to_string(), resolve_target(dir, r.attr("Target")?))))
            .collect())
    }

    /// The main document part: the package's officeDocument relationship, or
    /// `word/document.xml`.
    pub(super) fn main_part(&mut self) -> Result<String> {
        let from_rels = self
            .rels_of("")?
            .into_iter()
            .find(|(t, _)| t.ends_with("/officeDocument"))
            .map(|(_, target)| target)
            .filter(|t| self.names.contains_key(&normalise_name(t)) && t.ends_with(".xml"));
        match from_rels {
            Some(t) if t.to_ascii_lowercase().contains("document") => Ok(t),
            _ if self.names.contains_key("word/document.xml") => Ok("word/document.xml".to_string()),
            Some(t) => Err(IngestError::CorruptDocx(format!(
                "the archive holds {t}, not word/document.xml: it is an Office file but not a Word document"
            ))),
            None => Err(missing_document("word/document.xml")),
        }
    }
}

pub(super) fn normalise_name(name: &str) -> String {
    name.trim_start_matches('/').replace('\\', "/").to_ascii_lowercase()
}

/// Resolves a relationship target against the source part's folder.
pub(super) fn resolve_target(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let joined;
    let path = if let Some(abs) = target.strip_prefix('/') {
        abs
    } else {
        joined = if dir.is_empty() { target.to_string() } else { format!("{dir}/{target}") };
        &joined
    };
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationship_targets_resolve() {
        assert_eq!(resolve_target("word", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve_target("word", "../customXml/item1.xml"), "customXml/item1.xml");
        assert_eq!(resolve_target("", "/word/document.xml"), "word/document.xml");
    }
}
