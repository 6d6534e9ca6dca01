//! Plain text and Markdown.
use super::*;

/// Decodes the start of the file leniently, for format detection only.
pub fn decode_head(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(4096)];
    String::from_utf8_lossy(head).into_owned()
}

/// Reads text or Markdown.
pub fn read(bytes: &[u8], format: Format) -> Result<Ingested> {
    let _ = (bytes, format);
    Err(IngestError::NoText)
}
