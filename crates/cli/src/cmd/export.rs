//! `export` (a version as Akoma Ntoso, annotations as W3C JSON-LD or CSV)
//! and `bundle` (a bill's coalition bundle, out and in).

use crate::args::{BundleAction, ExportWhat};
use crate::error::CliError;
use crate::print::Out;
use draftwatch_core::workspace::Workspace;

/// `export version|annotations ...`: the export on standard output, or
/// written to `--output` with a sentence (JSON `{path, bytes}`) saying so.
pub fn export(ws: &Workspace, what: ExportWhat, out: Out) -> Result<(), CliError> {
    match what {
        ExportWhat::Version { bill, version, format, output } => {
            if format != "akn" {
                return Err(CliError::invalid("format", format!("a version exports as akn (Akoma Ntoso), not \"{format}\"")));
            }
            out.export(ws.version_akn(&bill, &version)?.as_bytes(), output.as_deref())
        }
        ExportWhat::Annotations { format, bill, output } => {
            out.export(ws.annotations_export(bill.as_deref(), &format)?.as_bytes(), output.as_deref())
        }
    }
}

/// `bundle export|import ...`
pub fn bundle(ws: &mut Workspace, action: BundleAction, out: Out) -> Result<(), CliError> {
    match action {
        BundleAction::Export { bill, output } => out.export(&ws.bundle_export(&bill)?, Some(&output)),
        BundleAction::Import { file } => {
            let bytes = std::fs::read(&file).map_err(|source| CliError::Read { path: file.clone(), source })?;
            out.emit(&ws.bundle_import(&bytes)?, |r| {
                println!(
                    "Merged {}: {} versions, {} organisations, {} annotations added ({} updated, {} history entries, {} replies), {} positions added ({} updated).",
                    file.display(),
                    r.versions_added,
                    r.organisations_added,
                    r.annotations_added,
                    r.annotations_updated,
                    r.events_added,
                    r.replies_added,
                    r.positions_added,
                    r.positions_updated
                );
            })
        }
    }
}
