//! Reading and structuring a file without a workspace: the first half of an import, and `draftwatch diff --files`.

use crate::diff::report::{DiffReport, VersionRef};
use crate::error::{Error, Result};
use crate::ingest::{self, Content, Format, IngestError};
use crate::structure::{self, Node};
use std::path::Path;

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
pub(super) fn read_file(path: &Path) -> Result<Vec<u8>> {
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
