//! How results reach standard output: JSON under `--json`, else text (with
//! colour only on a terminal); exports written to a file whole, or to
//! standard output. The text of each result type is written by its command
//! in [`crate::cmd`]; this module holds what they share.

use crate::error::CliError;
use draftwatch_core::diff::report::DiffReport;
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::Path;

/// Where a command's result goes: JSON (`--json`) or text, on standard output.
#[derive(Clone, Copy)]
pub struct Out {
    /// `--json` was given.
    pub json: bool,
}

impl Out {
    /// Prints `value` as JSON under `--json`; otherwise `text` prints it.
    pub fn emit<T: Serialize + ?Sized>(self, value: &T, text: impl FnOnce(&T)) -> Result<(), CliError> {
        if self.json {
            print_json(value)
        } else {
            text(value);
            Ok(())
        }
    }

    /// Says what was done: `sentence` as text, or `value` (the resulting object) under `--json`.
    pub fn done<T: Serialize + ?Sized>(self, value: &T, sentence: impl std::fmt::Display) -> Result<(), CliError> {
        self.emit(value, |_| println!("{sentence}"))
    }

    /// Writes an export to `output` (whole or not at all) and says so, or
    /// writes it to standard output (the export is then the output).
    pub fn export(self, bytes: &[u8], output: Option<&Path>) -> Result<(), CliError> {
        match output {
            Some(path) => {
                let tmp = path.with_extension("partial");
                std::fs::write(&tmp, bytes)
                    .and_then(|_| std::fs::rename(&tmp, path))
                    .map_err(|source| CliError::Write { to: path.display().to_string(), source })?;
                let written = Written { path: path.display().to_string(), bytes: bytes.len() };
                self.done(&written, format_args!("Wrote {} ({}).", written.path, plural(bytes.len(), "byte", "bytes")))
            }
            None => std::io::stdout().lock().write_all(bytes).map_err(|source| CliError::Write { to: "standard output".into(), source }),
        }
    }
}

/// The `--json` of a file written: `{"path", "bytes"}`.
#[derive(Serialize)]
struct Written {
    path: String,
    bytes: usize,
}

/// `1 clause`, `2 clauses`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Colours in text output: not with `--no-color` or `$NO_COLOR`, and only on a terminal.
pub fn use_color(no_color: bool) -> bool {
    !no_color && std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// Pretty JSON and a newline on standard output.
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<(), CliError> {
    // One buffered write: stdout is line-buffered, and a comparison's JSON has
    // a hundred thousand lines.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, value)
        .map_err(std::io::Error::from)
        .and_then(|_| writeln!(out))
        .and_then(|_| out.flush())
        .map_err(json_failed)
}

/// A comparison's JSON, written as [`print_json`] would write it, faster.
pub fn print_report_json(report: &DiffReport) -> Result<(), CliError> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    report.write_json_pretty(&mut out).and_then(|_| writeln!(out)).and_then(|_| out.flush()).map_err(json_failed)
}

fn json_failed(source: std::io::Error) -> CliError {
    CliError::Write { to: "cannot write JSON".into(), source }
}
