//! Why a command failed: a workspace operation ([`draftwatch_core::Error`],
//! with its stable code), or one of the CLI's own failures. Each has a code
//! and a sentence; [`CliError::report`] prints them on stderr, as one line of
//! JSON under `--json`.

use serde::Serialize;
use std::path::PathBuf;

/// A command's failure.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A workspace operation failed (its code is the core's: `not_found`, `invalid`, `conflict` ...).
    #[error(transparent)]
    Core(#[from] draftwatch_core::Error),
    /// The arguments do not say what to do: a sentence saying what would (`usage`).
    #[error("{0}")]
    Usage(String),
    /// A file named on the command line could not be read (`io`).
    #[error("{}: {source}", .path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The output could not be written (`output`).
    #[error("{to}: {source}")]
    Write {
        /// Where to: a file, or what was written to standard output.
        to: String,
        /// Why.
        source: std::io::Error,
    },
}

/// The `--json` shape of an error.
#[derive(Serialize)]
struct JsonError<'a> {
    code: &'a str,
    message: &'a str,
}

impl CliError {
    /// A value given in `field` is not valid (code `invalid`, as the core's).
    pub fn invalid(field: &'static str, message: impl Into<String>) -> CliError {
        CliError::Core(draftwatch_core::Error::invalid(field, message))
    }

    /// A stable machine code: the core's, or `usage`, `io`, `output`.
    pub fn code(&self) -> &'static str {
        match self {
            CliError::Core(e) => e.code(),
            CliError::Usage(_) => "usage",
            CliError::Read { .. } => "io",
            CliError::Write { .. } => "output",
        }
    }

    /// Prints the error on stderr: `draftwatch: <sentence>`, or under `--json`
    /// one line `{"code": ..., "message": ...}`.
    pub fn report(&self, json: bool) {
        report(self.code(), &self.to_string(), json);
    }
}

/// Prints an error with its code on stderr (see [`CliError::report`]).
pub fn report(code: &str, message: &str, json: bool) {
    if json {
        let line = serde_json::to_string(&JsonError { code, message }).expect("a JSON string");
        eprintln!("{line}");
    } else {
        eprintln!("draftwatch: {message}");
    }
}
