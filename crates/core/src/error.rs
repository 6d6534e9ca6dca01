//! The crate's error type: what went wrong, in a sentence a person can act on,
//! and a stable [`Error::code`] for programs (the window's IPC errors and the
//! CLI's `--json` errors are both `{code, message}`).
//!
//! Variants are grouped by what a caller does about them: something named is
//! [`NotFound`]; a value the user gave is [`Error::Invalid`] (with the field it
//! was given in); the request [`Conflict`]s with what the workspace holds; a
//! file is [`Error::Refused`]; an outside program is [`Error::Unavailable`];
//! the database, the index or the file system failed.
//!
//! The errors of the layers ([`IngestError`] of the importers, [`StoreError`]
//! of the database, [`SearchError`] of the index) are defined here too, and
//! re-exported by their modules: this module depends on no other module of
//! the crate, so every module can use it without a cycle.

/// Why a workspace operation failed. Messages are sentences a person can act on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Something asked for by name or number does not exist.
    #[error(transparent)]
    NotFound(#[from] NotFound),
    /// A value given by the user is not valid.
    #[error("{message}")]
    Invalid {
        /// The field, option or argument the value was given in (`date`, `provenance`, `quote` ...).
        field: &'static str,
        /// What is wrong and what would be right.
        message: String,
    },
    /// The request contradicts what the workspace already holds.
    #[error(transparent)]
    Conflict(#[from] Conflict),
    /// A file was refused: it could not be read as a bill, and nothing was imported.
    #[error("{path}: {source}")]
    Refused {
        /// The file, as the user named it.
        path: String,
        /// Why.
        source: IngestError,
    },
    /// A coalition bundle was refused as a whole; nothing of it was imported.
    #[error("this bundle is refused: {0}; nothing was imported")]
    BundleRefused(String),
    /// An outside program a feature needs (LibreOffice) is missing or failed.
    #[error("{0}")]
    Unavailable(String),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The search index or a query failed.
    #[error(transparent)]
    Search(#[from] SearchError),
    /// A file-system operation failed.
    #[error("{what}: {source}")]
    Io {
        /// What we were doing.
        what: String,
        /// Why.
        source: std::io::Error,
    },
}

/// Something named by the user that the workspace does not hold.
#[derive(Debug, thiserror::Error)]
pub enum NotFound {
    /// No such bill.
    #[error("there is no bill \"{0}\" in this workspace; `draftwatch bills` lists them")]
    Bill(String),
    /// No such version.
    #[error("bill {bill} has no version \"{reference}\"; use a number, a label or `latest` (`draftwatch versions {bill}` lists them)")]
    Version {
        /// Bill slug.
        bill: String,
        /// What was asked for.
        reference: String,
    },
    /// No such clause.
    #[error("version {version} of {bill} has no clause numbered \"{num}\"")]
    Clause {
        /// Bill slug.
        bill: String,
        /// Version label.
        version: String,
        /// The clause number asked for.
        num: String,
    },
    /// No provision with this eId in its version.
    #[error("provision {0} is missing from its version")]
    Provision(String),
    /// No such annotation.
    #[error("there is no annotation {0} (`draftwatch annotate list` lists them)")]
    Annotation(i64),
    /// No such joint position.
    #[error("there is no joint position {0} (`draftwatch position list` lists them)")]
    Position(i64),
    /// No such organisation.
    #[error("there is no organisation \"{0}\"; add it with `draftwatch org add` (`draftwatch org list` lists them)")]
    Organisation(String),
}

/// A request that contradicts what the workspace already holds.
#[derive(Debug, thiserror::Error)]
pub enum Conflict {
    /// The same file is already in the workspace.
    #[error("already imported as version {seq} of {bill}")]
    AlreadyImported {
        /// Bill slug.
        bill: String,
        /// Version number.
        seq: i64,
    },
    /// A version label is taken in its bill.
    #[error("bill {bill} already has a version labelled \"{label}\"; choose another --label")]
    DuplicateLabel {
        /// Bill slug.
        bill: String,
        /// The label.
        label: String,
    },
    /// An organisation's short name is taken.
    #[error("there is already an organisation \"{0}\"")]
    DuplicateOrganisation(String),
    /// A right's id is taken in the taxonomy.
    #[error("the taxonomy already has a right \"{0}\"")]
    DuplicateRight(String),
    /// The record is not in a state that allows this (a sentence saying what to do instead).
    #[error("{0}")]
    State(String),
}

/// Why a file could not be read. Each message is a sentence a person can act on.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file is empty.
    #[error("the file is empty")]
    Empty,
    /// The file is larger than [`MAX_FILE_BYTES`](crate::ingest::MAX_FILE_BYTES).
    #[error("the file is {size} bytes; Draftwatch imports files of at most {max} bytes (64 MiB): split the document or export only the bill's text")]
    TooLarge {
        /// The file's size.
        size: u64,
        /// The limit.
        max: u64,
    },
    /// The bytes are in no format we read.
    #[error("unrecognised file format: {0}")]
    Unrecognised(String),
    /// Text that is not valid UTF-8 (nor UTF-16 with a byte-order mark).
    #[error("the text is not valid UTF-8 (first bad byte at offset {offset}); save it as UTF-8 or UTF-16 with a byte-order mark")]
    BadEncoding {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// A DOCX (or other zip) that is damaged.
    #[error("the DOCX file is damaged: {0}")]
    CorruptDocx(String),
    /// An archive member or document that would inflate past our limits.
    #[error("the file expands to more than {limit} bytes when unpacked; it looks like a zip bomb and was refused")]
    ZipBomb {
        /// The limit that was hit.
        limit: u64,
    },
    /// Malformed XML (DOCX parts, Akoma Ntoso, USLM).
    #[error("the XML is malformed: {0}")]
    BadXml(String),
    /// XML that is well formed but not a document we understand.
    #[error("the XML is not Akoma Ntoso or USLM: {0}")]
    UnknownXml(String),
    /// A PDF we could not parse.
    #[error("the PDF could not be read: {0}")]
    BadPdf(String),
    /// A PDF whose pages carry no text.
    #[error("no text layer: the file looks scanned; run it through OCR first, then import the result")]
    NoTextLayer,
    /// The document holds no text at all.
    #[error("the document contains no text")]
    NoText,
    /// The text was read but no provisions were found in it.
    #[error("no provisions were found in the document")]
    NoProvisions,
}

/// Why the database could not be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite reported an error.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The database was written by a newer Draftwatch.
    #[error(
        "this workspace was written by a newer Draftwatch (schema {found}; this build knows up to {known}); update Draftwatch to open it"
    )]
    NewerSchema {
        /// The database's schema version.
        found: u32,
        /// The newest this build knows.
        known: u32,
    },
    /// A migration failed; nothing of it was applied.
    #[error("could not upgrade the workspace database to schema {version}: {source}")]
    Migration {
        /// The migration that failed.
        version: u32,
        /// Why.
        source: rusqlite::Error,
    },
}

/// Why a search operation failed.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query could not be read.
    #[error("cannot read the search query: {0}")]
    Query(String),
    /// Another process holds the index writer.
    #[error("the search index is being updated by another Draftwatch window or command; try again when it has finished")]
    Busy,
    /// The index failed.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// Reading SQLite failed while indexing.
    #[error("search index: reading the workspace failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A file-system operation on the index folder failed.
    #[error("search index folder {path}: {source}")]
    Io {
        /// The folder.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}

impl Error {
    /// A value given in `field` is not valid; `message` says what would be.
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Error {
        Error::Invalid { field, message: message.into() }
    }

    /// A stable machine code for the IPC boundary and `--json` errors.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound(_) => "not_found",
            Error::Invalid { .. } => "invalid",
            Error::Conflict(Conflict::AlreadyImported { .. }) => "already_imported",
            Error::Conflict(_) => "conflict",
            Error::Refused { source, .. } => match source {
                IngestError::NoTextLayer => "no_text_layer",
                IngestError::TooLarge { .. } => "too_large",
                IngestError::BadEncoding { .. } => "bad_encoding",
                IngestError::ZipBomb { .. } => "zip_bomb",
                IngestError::NoProvisions => "empty",
                _ => "bad_file",
            },
            Error::BundleRefused(_) => "bad_bundle",
            Error::Unavailable(_) => "unavailable",
            Error::Store(_) => "database",
            Error::Search(SearchError::Query(_)) => "invalid_query",
            Error::Search(SearchError::Busy) => "busy",
            Error::Search(_) => "index",
            Error::Io { .. } => "io",
        }
    }

    /// The field an [`Error::Invalid`] names.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Store(StoreError::Sqlite(e))
    }
}

/// Result alias for workspace operations.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_and_messages_read_as_sentences() {
        let e: Error = NotFound::Annotation(12).into();
        assert_eq!(e.code(), "not_found");
        assert_eq!(e.to_string(), "there is no annotation 12 (`draftwatch annotate list` lists them)");
        let e = Error::invalid("date", "\"x\" is not a date");
        assert_eq!((e.code(), e.field()), ("invalid", Some("date")));
        let e: Error = Conflict::AlreadyImported { bill: "a2i".into(), seq: 2 }.into();
        assert_eq!((e.code(), e.to_string().as_str()), ("already_imported", "already imported as version 2 of a2i"));
        assert_eq!(Error::from(Conflict::DuplicateRight("x".into())).code(), "conflict");
        let e = Error::Refused { path: "a.pdf".into(), source: IngestError::NoProvisions };
        assert_eq!((e.code(), e.to_string().as_str()), ("empty", "a.pdf: no provisions were found in the document"));
        assert_eq!(Error::Refused { path: "s.pdf".into(), source: IngestError::NoTextLayer }.code(), "no_text_layer");
        assert_eq!(Error::BundleRefused("x".into()).to_string(), "this bundle is refused: x; nothing was imported");
        assert_eq!(Error::from(SearchError::Busy).code(), "busy");
        assert_eq!(Error::from(SearchError::Query("q".into())).code(), "invalid_query");
    }
}
