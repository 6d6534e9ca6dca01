//! `diff`: two versions of a bill, or two files without a workspace, as
//! text, JSON, HTML, DOCX with tracked changes or PDF.

use crate::args::DiffArgs;
use crate::error::CliError;
use crate::print::{print_report_json, use_color, Out};
use draftwatch_core::diff::report::DiffReport;
use draftwatch_core::workspace::Workspace;
use std::io::IsTerminal;
use std::path::Path;

/// `diff --files A B`
pub fn files(a: &Path, b: &Path, args: &DiffArgs, out: Out) -> Result<(), CliError> {
    let (report, parsed) = draftwatch_core::workspace::diff_files(a, b)?;
    let printed = print_diff(&report, args, out);
    // The process ends here: the system takes the memory back faster than
    // freeing the report's strings one by one, or the allocator tidying
    // its arenas at exit, would. Everything printed has been flushed.
    std::mem::forget((report, parsed));
    #[cfg(unix)]
    if printed.is_ok() && std::io::Write::flush(&mut std::io::stdout()).is_ok() {
        // SAFETY: _exit ends the process at once; no state outlives it.
        unsafe { libc::_exit(0) }
    }
    printed
}

/// `diff BILL FROM TO`
pub fn versions(ws: &Workspace, args: &DiffArgs, out: Out) -> Result<(), CliError> {
    let [bill, from, to] = args.args.as_slice() else {
        return Err(CliError::Usage("diff needs BILL FROM TO (e.g. `draftwatch diff a2i 1 2`) or --files A B".into()));
    };
    let report = ws.diff(bill, from, to)?;
    print_diff(&report, args, out)
}

/// Prints a comparison as text (colour on a terminal unless `--no-color`),
/// JSON (`--format json` or `--json`) or HTML, or writes it as DOCX with
/// tracked changes or PDF.
fn print_diff(report: &DiffReport, args: &DiffArgs, out: Out) -> Result<(), CliError> {
    let format = if out.json { "json" } else { args.format.as_str() };
    let output = args.output.as_deref();
    if format == "docx" || format == "pdf" {
        if output.is_none() && std::io::stdout().is_terminal() {
            return Err(CliError::Usage(format!("a {} is not for the terminal: give --output FILE.{format}", format.to_uppercase())));
        }
        let date = report.to.date.as_deref().map(|d| format!("{d}T00:00:00Z")).unwrap_or_else(|| "2000-01-01T00:00:00Z".into());
        let mut bytes = draftwatch_core::render::docx::comparison(report, &report.to.label, &date);
        if format == "pdf" {
            bytes = draftwatch_core::render::pdf::from_docx(&bytes)?;
        }
        return out.export(&bytes, output);
    }
    if output.is_some() {
        return Err(CliError::Usage("--output is for --format docx and pdf; redirect text, json and html with >".into()));
    }
    match format {
        "json" if args.changed_only => print_report_json(&report.changed_only())?,
        "json" => print_report_json(report)?,
        "html" => print!("{}", draftwatch_core::render::html::render_html(report)),
        "text" => print!("{}", draftwatch_core::render::text::render_text(report, use_color(args.no_color), args.changed_only)),
        other => return Err(CliError::invalid("format", format!("unknown format \"{other}\": use text, json, html, docx or pdf"))),
    }
    Ok(())
}
