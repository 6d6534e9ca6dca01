//! Limits for reading untrusted archives and XML.
//!
//! A DOCX is a zip: a few kilobytes can inflate to gigabytes. Every member is read
//! through [`read_capped`], which stops at a per-member and a per-document budget,
//! and [`MAX_RATIO`] refuses members that compress implausibly well.

use super::{IngestError, Result};
use std::io::Read;

/// Most bytes one archive member may inflate to (document.xml of a large bill is ~10 MB).
pub const MAX_MEMBER_BYTES: u64 = 128 * 1024 * 1024;
/// Most bytes all members of one document together may inflate to.
pub const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;
/// Largest plausible compression ratio for XML in a DOCX (real files: 5-30).
pub const MAX_RATIO: u64 = 200;
/// Deepest XML element nesting accepted.
pub const MAX_XML_DEPTH: usize = 512;

/// Reads at most `limit` bytes from `r`; more is a zip bomb.
pub fn read_capped(r: impl Read, limit: u64) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    r.take(limit + 1).read_to_end(&mut out).map_err(|e| IngestError::CorruptDocx(format!("cannot inflate a member: {e}")))?;
    if out.len() as u64 > limit {
        return Err(IngestError::ZipBomb { limit });
    }
    Ok(out)
}
