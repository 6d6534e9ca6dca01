//! `draftwatch`: the command-line face of Draftwatch, for scripting and headless
//! use. Every command calls one function of `draftwatch_core::Workspace`; this file
//! only parses arguments and prints. Errors are one sentence on stderr and exit
//! status 1 (2 for bad usage, from clap).

/// mimalloc, not the system's malloc: a comparison of two large codes makes
/// hundreds of thousands of small strings on two threads, and glibc's
/// per-thread arenas grow a page at a time (BGB 2012 -> 2022: 7,300 page
/// faults with glibc, 400 with mimalloc; 15-25% less time, BENCHMARKS.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use draftwatch_core::annotate::taxonomy::Right;
use draftwatch_core::annotate::{Annotation, AnnotationEdit, Filter, NewAnnotation};
use draftwatch_core::ingest::Format;
use draftwatch_core::positions::{EndorsementState, Organisation};
use draftwatch_core::search::{Progress, Results};
use draftwatch_core::structure::{Kind, Node};
use draftwatch_core::workspace::{ImportOptions, Provenance, ReviewAction, SearchOptions, Workspace};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "draftwatch", version, about = "Track successive drafts of a bill, clause by clause, in English and Khmer.")]
struct Cli {
    /// Workspace folder (default: $DRAFTWATCH_WORKSPACE, else the platform data directory).
    #[arg(long, global = true, value_name = "DIR")]
    workspace: Option<PathBuf>,
    /// Print machine-readable JSON.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import a version of a bill (txt, md, docx, html, pdf with text, Akoma Ntoso / USLM XML).
    Import {
        /// The file.
        file: PathBuf,
        /// The bill's short name (created if new), e.g. lango.
        #[arg(long)]
        bill: String,
        /// Title of a new bill.
        #[arg(long)]
        title: Option<String>,
        /// Version label (default: the file name).
        #[arg(long)]
        label: Option<String>,
        /// Date of the version, YYYY-MM-DD.
        #[arg(long)]
        date: Option<String>,
        /// Language: en, km, ... (default: from the document).
        #[arg(long)]
        lang: Option<String>,
        /// Stage, e.g. consultation, council-of-ministers, national-assembly.
        #[arg(long)]
        stage: Option<String>,
        /// official, leaked, translation or unofficial (default).
        #[arg(long)]
        provenance: Option<String>,
        /// auto (default), txt, md, docx, html, pdf, akn.
        #[arg(long, default_value = "auto")]
        format: String,
    },
    /// List the bills.
    Bills,
    /// List the versions of a bill.
    Versions {
        /// Bill slug.
        bill: String,
    },
    /// Compare two versions clause by clause: BILL FROM TO, or --files A B.
    Diff {
        /// Bill slug, then the two versions (number, label or `latest`).
        #[arg(num_args = 0..=3, value_name = "BILL FROM TO")]
        args: Vec<String>,
        /// Compare two files without a workspace.
        #[arg(long, num_args = 2, value_names = ["A", "B"], conflicts_with = "args")]
        files: Option<Vec<PathBuf>>,
        /// Leave out unchanged clauses.
        #[arg(long)]
        changed_only: bool,
        /// text (default), json, html, docx (Word tracked changes) or pdf (through LibreOffice).
        #[arg(long, default_value = "text")]
        format: String,
        /// No colours in text output (default: colours only on a terminal).
        #[arg(long)]
        no_color: bool,
        /// Write to this file (default: standard output; a DOCX needs a file or a pipe).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// The history of a clause across every version of its bill.
    History {
        /// Bill slug.
        bill: String,
        /// Version: number, label or `latest`.
        version: String,
        /// Clause number (as printed, or its value).
        clause: String,
    },
    /// Search every clause of every version, in Khmer and English.
    ///
    /// Query syntax: words (all must match), "a phrase", AND / OR / NOT, -word,
    /// prefix*, and fields: bill:, version:, num:, heading:, changed:, right:, org:.
    Search {
        /// The query.
        query: String,
        /// Only this bill.
        #[arg(long)]
        bill: Option<String>,
        /// Only this version of --bill (number, label or `latest`).
        #[arg(long)]
        version: Option<String>,
        /// Only documents about this right (taxonomy id).
        #[arg(long)]
        right: Option<String>,
        /// Only documents of this organisation.
        #[arg(long)]
        org: Option<String>,
        /// Only annotations with this status.
        #[arg(long)]
        status: Option<String>,
        /// Only annotations with this impact.
        #[arg(long)]
        impact: Option<String>,
        /// Only the newest version of each bill.
        #[arg(long)]
        latest: bool,
        /// Group hits by clause lineage (one result per clause across versions).
        #[arg(long)]
        group: bool,
        /// Most results.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// No colours (default: colours only on a terminal).
        #[arg(long)]
        no_color: bool,
    },
    /// Rights-impact annotations on clauses: add, list, show, edit, reply, review, delete.
    Annotate {
        #[command(subcommand)]
        action: AnnotateAction,
    },
    /// Joint positions: compose, endorse, score against a later version, export.
    Position {
        #[command(subcommand)]
        action: PositionAction,
    },
    /// Export annotations in open formats.
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Coalition bundles: a bill's versions, annotations, organisations and positions in one file.
    Bundle {
        #[command(subcommand)]
        action: BundleAction,
    },
    /// Member organisations of the coalition.
    Org {
        #[command(subcommand)]
        action: OrgAction,
    },
    /// The rights taxonomy (built in, plus your own entries).
    Right {
        #[command(subcommand)]
        action: RightAction,
    },
    /// Maintain the search index (derived from the database).
    Index {
        #[command(subcommand)]
        action: IndexAction,
    },
    /// Show a version's structure (or one clause with its text).
    Show {
        /// Bill slug.
        bill: String,
        /// Version: number, label or `latest`.
        version: String,
        /// Only this clause (number as printed or its value: 12 finds ១២).
        #[arg(long)]
        clause: Option<String>,
    },
}

/// Fields of an annotation, shared by `add` and `edit`.
#[derive(clap::Args, Default)]
struct AnnotationFields {
    /// Title.
    #[arg(long)]
    title: Option<String>,
    /// The concern: why this text matters for rights.
    #[arg(long)]
    concern: Option<String>,
    /// The recommendation, in words.
    #[arg(long)]
    recommendation: Option<String>,
    /// Proposed wording replacing the quote (or the whole clause).
    #[arg(long)]
    proposed: Option<String>,
    /// Recommend deleting the clause.
    #[arg(long)]
    delete_clause: bool,
    /// A right affected (taxonomy id; repeat for several). `draftwatch right list` lists them.
    #[arg(long = "right")]
    rights: Vec<String>,
    /// strongly-restricts, restricts (default), neutral, protects, strongly-protects.
    #[arg(long)]
    impact: Option<String>,
    /// A legal reference, e.g. "ICCPR Art. 22" (repeat for several).
    #[arg(long = "ref")]
    refs: Vec<String>,
    /// A tag (repeat for several).
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// draft (default), proposed, agreed, withdrawn.
    #[arg(long)]
    status: Option<String>,
    /// Organisation (short name).
    #[arg(long)]
    org: Option<String>,
}

#[derive(Subcommand)]
enum AnnotateAction {
    /// Annotate a clause, or a quoted span of it.
    Add {
        /// Bill slug.
        bill: String,
        /// Version: number, label or `latest`.
        version: String,
        /// Clause number.
        clause: String,
        /// The quoted span, exactly as in the clause (default: the whole clause).
        #[arg(long)]
        quote: Option<String>,
        /// Where the quote starts (character offset in the clause), when it occurs more than once.
        #[arg(long)]
        quote_start: Option<usize>,
        #[command(flatten)]
        fields: AnnotationFields,
        /// Author (default: $DRAFTWATCH_AUTHOR, else $USER).
        #[arg(long)]
        author: Option<String>,
    },
    /// List annotations.
    List {
        /// Only this bill.
        #[arg(long)]
        bill: Option<String>,
        /// Only with this right.
        #[arg(long)]
        right: Option<String>,
        /// Only of this organisation.
        #[arg(long)]
        org: Option<String>,
        /// Only with this status.
        #[arg(long)]
        status: Option<String>,
    },
    /// One annotation with its thread, history and placements.
    Show {
        /// Annotation id.
        id: i64,
    },
    /// Change fields of an annotation (only those given).
    Edit {
        /// Annotation id.
        id: i64,
        #[command(flatten)]
        fields: AnnotationFields,
        /// Clear the proposed wording.
        #[arg(long)]
        no_proposed: bool,
        /// No longer recommend deleting the clause.
        #[arg(long)]
        keep_clause: bool,
        /// Author of the change.
        #[arg(long)]
        author: Option<String>,
    },
    /// Reply in an annotation's thread.
    Reply {
        /// Annotation id.
        id: i64,
        /// The reply.
        body: String,
        /// Organisation (short name).
        #[arg(long)]
        org: Option<String>,
        /// Author.
        #[arg(long)]
        author: Option<String>,
    },
    /// List what needs a person after a new version; or decide on one annotation.
    Review {
        /// Annotation to decide on (without: list what needs review).
        id: Option<i64>,
        /// Only this bill (listing).
        #[arg(long)]
        bill: Option<String>,
        /// The placement is right.
        #[arg(long, conflicts_with_all = ["reattach", "close"])]
        confirm: bool,
        /// Attach to this clause (number) of the annotation's version.
        #[arg(long, value_name = "CLAUSE", conflicts_with = "close")]
        reattach: Option<String>,
        /// With --reattach: the quoted span in that clause.
        #[arg(long, requires = "reattach")]
        quote: Option<String>,
        /// With --quote: where it starts, if it occurs more than once.
        #[arg(long, requires = "quote")]
        quote_start: Option<usize>,
        /// It no longer applies: withdraw it.
        #[arg(long)]
        close: bool,
        /// Author of the decision.
        #[arg(long)]
        author: Option<String>,
    },
    /// Import annotations from W3C Web Annotation JSON-LD (ones already here are skipped).
    Import {
        /// The JSON-LD file.
        file: PathBuf,
    },
    /// Delete an annotation (its history is kept).
    Delete {
        /// Annotation id.
        id: i64,
        /// Author.
        #[arg(long)]
        author: Option<String>,
    },
}

#[derive(Subcommand)]
enum PositionAction {
    /// Start a joint position on a version of a bill.
    New {
        /// Bill slug.
        bill: String,
        /// Version: number, label or `latest`.
        version: String,
        /// Title.
        #[arg(long)]
        title: String,
        /// Introduction.
        #[arg(long, default_value = "")]
        intro: String,
        /// Closing.
        #[arg(long, default_value = "")]
        closing: String,
        /// Language of headings and labels: en or km (default: the version's).
        #[arg(long)]
        lang: Option<String>,
    },
    /// List the positions.
    List,
    /// A position with its items and endorsements.
    Show {
        /// Position id.
        id: i64,
    },
    /// Change the title, introduction or closing.
    Edit {
        /// Position id.
        id: i64,
        /// Title.
        #[arg(long)]
        title: Option<String>,
        /// Introduction.
        #[arg(long)]
        intro: Option<String>,
        /// Closing.
        #[arg(long)]
        closing: Option<String>,
    },
    /// Add an annotation as an item (again: move it).
    Add {
        /// Position id.
        id: i64,
        /// Annotation id.
        annotation: i64,
        /// Place in the list (1 = first; default: last).
        #[arg(long)]
        at: Option<usize>,
    },
    /// Remove an item.
    Remove {
        /// Position id.
        id: i64,
        /// Annotation id.
        annotation: i64,
    },
    /// Record an organisation's endorsement.
    Endorse {
        /// Position id.
        id: i64,
        /// Organisation short name.
        org: String,
        /// invited, endorsed (default), declined or withdrawn.
        #[arg(long, default_value = "endorsed")]
        state: String,
        /// Date, YYYY-MM-DD (default: today).
        #[arg(long)]
        date: Option<String>,
        /// A note.
        #[arg(long)]
        note: Option<String>,
    },
    /// What became of each recommendation in a later version.
    Track {
        /// Position id.
        id: i64,
        /// The later version: number, label or `latest`.
        #[arg(long)]
        against: String,
    },
    /// Export the position: md or html.
    Export {
        /// Position id.
        id: i64,
        /// docx, pdf (through LibreOffice), md or html.
        #[arg(long, default_value = "md")]
        format: String,
        /// Write to this file (default: standard output).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum BundleAction {
    /// Write a bill's bundle.
    Export {
        /// Bill slug.
        bill: String,
        /// The bundle file to write.
        #[arg(long, short)]
        output: PathBuf,
    },
    /// Import and merge a bundle (again: nothing changes).
    Import {
        /// The bundle file.
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum ExportWhat {
    /// A version as Akoma Ntoso XML (akn), with its eIds.
    Version {
        /// Bill slug.
        bill: String,
        /// Version: number, label or `latest`.
        version: String,
        /// akn.
        #[arg(long, default_value = "akn")]
        format: String,
        /// Write to this file (default: standard output).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Annotations as W3C Web Annotation JSON-LD (w3c) or CSV.
    Annotations {
        /// w3c or csv.
        #[arg(long, default_value = "w3c")]
        format: String,
        /// Only this bill.
        #[arg(long)]
        bill: Option<String>,
        /// Write to this file (default: standard output).
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum OrgAction {
    /// Add an organisation.
    Add {
        /// Short name, one word (CCC, ADHOC).
        short_name: String,
        /// Full name.
        #[arg(long)]
        name: String,
        /// Name in Khmer.
        #[arg(long)]
        name_km: Option<String>,
        /// Contact.
        #[arg(long)]
        contact: Option<String>,
    },
    /// List the organisations.
    List,
}

#[derive(Subcommand)]
enum RightAction {
    /// List the rights of the taxonomy.
    List,
    /// Add a right.
    Add {
        /// Id: lower-case letters, digits and _.
        id: String,
        /// English label.
        #[arg(long)]
        en: String,
        /// Khmer label.
        #[arg(long, default_value = "")]
        km: String,
        /// A reference (repeat for several).
        #[arg(long = "ref")]
        refs: Vec<String>,
    },
}

#[derive(Subcommand)]
enum IndexAction {
    /// Drop the index and build it again from the database.
    Rebuild,
}

fn main() -> ExitCode {
    // `draftwatch ... | head` ends quietly, as command-line tools do, instead
    // of panicking on the closed pipe.
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("draftwatch: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    let json = cli.json;
    // Comparing two files needs no workspace.
    if let Command::Diff { files: Some(files), changed_only, format, no_color, output, .. } = &cli.command {
        let (report, parsed) = draftwatch_core::workspace::diff_files(&files[0], &files[1]).map_err(|e| e.to_string())?;
        let printed = print_diff(&report, if json { "json" } else { format }, *changed_only, *no_color, output.as_deref());
        // The process ends here: the system takes the memory back faster than
        // freeing the report's strings one by one, or the allocator tidying
        // its arenas at exit, would. Everything printed has been flushed.
        std::mem::forget((report, parsed));
        #[cfg(unix)]
        if printed.is_ok() && std::io::Write::flush(&mut std::io::stdout()).is_ok() {
            // SAFETY: _exit ends the process at once; no state outlives it.
            unsafe { libc::_exit(0) }
        }
        return printed;
    }
    let dir = cli.workspace.clone().unwrap_or_else(Workspace::default_dir);
    let mut ws = Workspace::open(&dir).map_err(|e| e.to_string())?;
    match cli.command {
        Command::Search { query, bill, version, right, org, status, impact, latest, group, limit, no_color } => {
            let opts = SearchOptions { bill, version, right, org, status, impact, latest, group, limit: Some(limit) };
            ws.index_with(&mut show_progress).map_err(|e| e.to_string())?;
            let results = ws.search(&query, &opts).map_err(|e| e.to_string())?;
            if json {
                print_json(&results);
            } else {
                use std::io::IsTerminal;
                let color = !no_color && std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
                print_results(&results, color);
            }
        }
        Command::Annotate { action } => annotate(&mut ws, action, json)?,
        Command::Position { action } => position(&mut ws, action, json)?,
        Command::Bundle { action: BundleAction::Export { bill, output } } => {
            let bytes = ws.bundle_export(&bill).map_err(|e| e.to_string())?;
            write_out(&bytes, Some(&output))?;
            if !json {
                println!("Wrote {} ({} bytes).", output.display(), bytes.len());
            }
        }
        Command::Bundle { action: BundleAction::Import { file } } => {
            let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let r = ws.bundle_import(&bytes).map_err(|e| e.to_string())?;
            if json {
                print_json(&r);
            } else {
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
            }
        }
        Command::Export { what: ExportWhat::Version { bill, version, format, output } } => {
            if format != "akn" {
                return Err(format!("a version exports as akn (Akoma Ntoso), not \"{format}\""));
            }
            let xml = ws.version_akn(&bill, &version).map_err(|e| e.to_string())?;
            write_out(xml.as_bytes(), output.as_deref())?;
        }
        Command::Export { what: ExportWhat::Annotations { format, bill, output } } => {
            let text = ws.annotations_export(bill.as_deref(), &format).map_err(|e| e.to_string())?;
            write_out(text.as_bytes(), output.as_deref())?;
        }
        Command::Org { action: OrgAction::Add { short_name, name, name_km, contact } } => {
            let o = ws.org_add(&Organisation { uid: String::new(), short_name, name, name_km, contact }).map_err(|e| e.to_string())?;
            if json {
                print_json(&o);
            } else {
                println!("Added organisation {} ({}).", o.short_name, o.name);
            }
        }
        Command::Org { action: OrgAction::List } => {
            let orgs = ws.orgs().map_err(|e| e.to_string())?;
            if json {
                print_json(&orgs);
            } else {
                for o in orgs {
                    let km = o.name_km.as_deref().map(|k| format!(" / {k}")).unwrap_or_default();
                    println!("{:<12} {}{km}", o.short_name, o.name);
                }
            }
        }
        Command::Right { action: RightAction::List } => {
            let rights = ws.rights().map_err(|e| e.to_string())?;
            if json {
                print_json(&rights);
            } else {
                for r in rights {
                    println!("{:<20} {} / {}  [{}]", r.id, r.en, r.km, r.refs.join("; "));
                }
            }
        }
        Command::Right { action: RightAction::Add { id, en, km, refs } } => {
            ws.right_add(&Right { id: id.clone(), en, km, refs, builtin: false }).map_err(|e| e.to_string())?;
            if !json {
                println!("Added right {id}.");
            }
        }
        Command::Index { action: IndexAction::Rebuild } => {
            let docs = ws.rebuild_index(&mut show_progress).map_err(|e| e.to_string())?;
            if json {
                print_json(&serde_json::json!({ "documents": docs }));
            } else {
                println!("Search index rebuilt: {docs} documents.");
            }
        }
        Command::Diff { args, changed_only, format, no_color, output, .. } => {
            let [bill, from, to] = args.as_slice() else {
                return Err("diff needs BILL FROM TO (e.g. `draftwatch diff a2i 1 2`) or --files A B".into());
            };
            let report = ws.diff(bill, from, to).map_err(|e| e.to_string())?;
            print_diff(&report, if json { "json" } else { &format }, changed_only, no_color, output.as_deref())?;
        }
        Command::History { bill, version, clause } => {
            let steps = ws.history(&bill, &version, &clause).map_err(|e| e.to_string())?;
            if json {
                print_json(&steps);
            } else {
                for s in steps {
                    let clauses = s.clauses.iter().map(|c| c.num.clone().unwrap_or_else(|| c.eid.clone())).collect::<Vec<_>>().join(" + ");
                    let heading = s.clauses.first().and_then(|c| c.heading.clone()).unwrap_or_default();
                    let date = s.date.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
                    let clause = if clauses.is_empty() { "—".to_string() } else { format!("{clauses} {heading}") };
                    println!("{:>3} {}{date}: {} — {}", s.seq, s.label, clause.trim_end(), s.summary);
                }
            }
        }
        Command::Import { file, bill, title, label, date, lang, stage, provenance, format } => {
            let format = match format.as_str() {
                "auto" => None,
                f => Some(Format::parse(f).ok_or_else(|| format!("unknown format \"{f}\": use auto, txt, md, docx, html, pdf or akn"))?),
            };
            let provenance = provenance.map(|p| Provenance::parse(&p)).transpose().map_err(|e| e.to_string())?;
            let opts = ImportOptions { bill, title, label, date, lang, stage, provenance, format };
            let report = ws.import_file(&file, &opts).map_err(|e| e.to_string())?;
            if json {
                print_json(&report);
            } else {
                let v = &report.version;
                println!(
                    "Imported {} as version {} of {} (\"{}\", {}, {}): {} clauses, {} provisions.",
                    file.display(),
                    v.seq,
                    v.bill,
                    v.label,
                    v.format,
                    v.lang,
                    v.clauses,
                    report.provisions
                );
                for note in &v.report {
                    println!("  note: {note}");
                }
            }
        }
        Command::Bills => {
            let bills = ws.bills().map_err(|e| e.to_string())?;
            if json {
                print_json(&bills);
            } else {
                for b in bills {
                    let mut extra = Vec::new();
                    if let Some(t) = &b.translation_of {
                        extra.push(format!("translation of {t}"));
                    }
                    if b.illustrative {
                        extra.push("illustrative".to_string());
                    }
                    let extra = if extra.is_empty() { String::new() } else { format!(" ({})", extra.join(", ")) };
                    println!("{:<12} {:>2} versions  {}{}", b.slug, b.versions, b.title, extra);
                }
            }
        }
        Command::Versions { bill } => {
            let versions = ws.versions(&bill).map_err(|e| e.to_string())?;
            if json {
                print_json(&versions);
            } else {
                for v in versions {
                    println!(
                        "{:>3}  {:<28} {:<10} {:<4} {:<11} {:<22} {:>4} clauses  {}",
                        v.seq,
                        v.label,
                        v.date.as_deref().unwrap_or("-"),
                        v.lang,
                        v.provenance,
                        v.stage.as_deref().unwrap_or("-"),
                        v.clauses,
                        v.format
                    );
                }
            }
        }
        Command::Show { bill, version, clause } => {
            if let Some(num) = clause {
                let node = ws.clause(&bill, &version, &num).map_err(|e| e.to_string())?;
                if json {
                    print_json(&JsonNode::from(&node));
                } else {
                    print_outline(std::slice::from_ref(&node), 0, true);
                }
            } else {
                let tree = ws.tree(&bill, &version).map_err(|e| e.to_string())?;
                if json {
                    print_json(&tree.iter().map(JsonNode::from).collect::<Vec<_>>());
                } else {
                    print_outline(&tree, 0, false);
                }
            }
        }
    }
    Ok(())
}

/// Prints a comparison as text (colour on a terminal unless `no_color`),
/// JSON or HTML, or writes it as DOCX with tracked changes.
fn print_diff(
    report: &draftwatch_core::diff::report::DiffReport,
    format: &str,
    changed_only: bool,
    no_color: bool,
    output: Option<&std::path::Path>,
) -> Result<(), String> {
    use std::io::IsTerminal;
    if format == "docx" || format == "pdf" {
        if output.is_none() && std::io::stdout().is_terminal() {
            return Err(format!("a {} is not for the terminal: give --output FILE.{format}", format.to_uppercase()));
        }
        let date = report.to.date.as_deref().map(|d| format!("{d}T00:00:00Z")).unwrap_or_else(|| "2000-01-01T00:00:00Z".into());
        let mut bytes = draftwatch_core::export::docx::comparison(report, &report.to.label, &date);
        if format == "pdf" {
            bytes = draftwatch_core::export::pdf::from_docx(&bytes).map_err(|e| e.to_string())?;
        }
        return write_out(&bytes, output);
    }
    if output.is_some() {
        return Err("--output is for --format docx and pdf; redirect text, json and html with >".into());
    }
    match format {
        "json" if changed_only => print_report_json(&report.changed_only()),
        "json" => print_report_json(report),
        "html" => print!("{}", draftwatch_core::diff::html::render_html(report)),
        "text" => {
            let color = !no_color && std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            print!("{}", draftwatch_core::diff::text::render_text(report, color, changed_only));
        }
        other => return Err(format!("unknown format \"{other}\": use text, json, html, docx or pdf")),
    }
    Ok(())
}

/// The author of a change: `--author`, else $DRAFTWATCH_AUTHOR, else $USER.
fn author(given: Option<String>) -> String {
    given
        .or_else(|| std::env::var("DRAFTWATCH_AUTHOR").ok())
        .or_else(|| std::env::var("USER").ok())
        .filter(|a| !a.trim().is_empty())
        .unwrap_or_else(|| "unknown".into())
}

fn annotate(ws: &mut Workspace, action: AnnotateAction, json: bool) -> Result<(), String> {
    let err = |e: draftwatch_core::Error| e.to_string();
    match action {
        AnnotateAction::Add { bill, version, clause, quote, quote_start, fields: f, author: who } => {
            let na = NewAnnotation {
                bill,
                version,
                clause,
                quote,
                quote_start,
                title: f.title.unwrap_or_default(),
                concern: f.concern.unwrap_or_default(),
                recommendation: f.recommendation.unwrap_or_default(),
                proposed: f.proposed,
                delete_clause: f.delete_clause,
                rights: f.rights,
                impact: f.impact,
                refs: f.refs,
                tags: f.tags,
                status: f.status,
                author: author(who),
                org: f.org,
            };
            let a = ws.annotate_add(&na).map_err(err)?;
            if json {
                print_json(&a);
            } else {
                println!("Added annotation {} on {}.", a.id, place(&a));
            }
        }
        AnnotateAction::List { bill, right, org, status } => {
            let list = ws.annotations(&Filter { bill, right, org, status, ..Filter::default() }).map_err(err)?;
            if json {
                print_json(&list);
            } else {
                for a in list {
                    println!(
                        "{:>4}  {:<28} {:<18} {:<9} {:<12} {}",
                        a.id,
                        place(&a),
                        a.impact.as_str(),
                        a.status.as_str(),
                        a.anchor.as_str(),
                        a.title
                    );
                }
            }
        }
        AnnotateAction::Show { id } => {
            let d = ws.annotation(id).map_err(err)?;
            if json {
                print_json(&d);
            } else {
                let a = &d.annotation;
                println!("{} — {}", a.id, a.title);
                println!("  on {} ({}, score {:.2}){}", place(a), a.anchor.as_str(), a.anchor_score, note(a));
                if let Some(q) = &a.quote {
                    println!("  quote: \"{}\" (characters {}–{})", q.exact, q.start, q.end);
                }
                println!("  impact {}, status {}, rights {}", a.impact.as_str(), a.status.as_str(), a.rights.join(", "));
                for (label, v) in [("concern", &a.concern), ("recommendation", &a.recommendation)] {
                    if !v.is_empty() {
                        println!("  {label}: {v}");
                    }
                }
                if let Some(p) = &a.proposed {
                    println!("  proposed wording: {p}");
                }
                if a.delete_clause {
                    println!("  recommends deleting the clause");
                }
                if !a.refs.is_empty() {
                    println!("  references: {}", a.refs.join("; "));
                }
                println!("  by {}{}", a.author, a.org.as_deref().map(|o| format!(" ({o})")).unwrap_or_default());
                for p in &d.placements {
                    println!(
                        "  v{}: {} {}",
                        p.version,
                        p.num.as_deref().map(|n| format!("art. {n}")).unwrap_or("—".into()),
                        p.anchor.as_str()
                    );
                }
                for r in &d.replies {
                    println!("  reply by {} at {}: {}", r.author, r.created_at, r.body);
                }
                for e in &d.history {
                    println!(
                        "  {} {} {} {}",
                        e.at,
                        e.author,
                        e.action,
                        if e.changes == serde_json::json!({}) { String::new() } else { e.changes.to_string() }
                    );
                }
            }
        }
        AnnotateAction::Edit { id, fields: f, no_proposed, keep_clause, author: who } => {
            let e = AnnotationEdit {
                title: f.title,
                concern: f.concern,
                recommendation: f.recommendation,
                proposed: if no_proposed { Some(String::new()) } else { f.proposed },
                delete_clause: if f.delete_clause {
                    Some(true)
                } else if keep_clause {
                    Some(false)
                } else {
                    None
                },
                rights: (!f.rights.is_empty()).then_some(f.rights),
                impact: f.impact,
                refs: (!f.refs.is_empty()).then_some(f.refs),
                tags: (!f.tags.is_empty()).then_some(f.tags),
                status: f.status,
                org: f.org,
            };
            let a = ws.annotate_edit(id, &e, &author(who)).map_err(err)?;
            if json {
                print_json(&a);
            } else {
                println!("Annotation {} is now: {} ({}, {}).", a.id, a.title, a.impact.as_str(), a.status.as_str());
            }
        }
        AnnotateAction::Reply { id, body, org, author: who } => {
            let r = ws.annotate_reply(id, &author(who), org.as_deref(), &body).map_err(err)?;
            if json {
                print_json(&r);
            } else {
                println!("Replied to annotation {id}.");
            }
        }
        AnnotateAction::Review { id: None, bill, .. } => {
            let items = ws.review_queue(bill.as_deref()).map_err(err)?;
            if json {
                print_json(&items);
            } else if items.is_empty() {
                println!("Nothing needs review.");
            } else {
                for it in items {
                    let a = &it.annotation;
                    println!("{:>4}  {} — {}: {}{}", a.id, place(a), a.anchor.as_str(), a.title, note(a));
                    if let Some(q) = &a.quote {
                        println!("      quote: \"{}\"", q.exact);
                    }
                    for (label, t) in [("was", &it.old_text), ("now", &it.new_text)] {
                        if let Some(t) = t {
                            println!("      {label}: {}", t.replace('\n', " "));
                        }
                    }
                }
                println!("\nDecide with: draftwatch annotate review ID --confirm | --reattach CLAUSE [--quote TEXT] | --close");
            }
        }
        AnnotateAction::Review { id: Some(id), confirm, reattach, quote, quote_start, close, author: who, .. } => {
            let action = match (confirm, reattach, close) {
                (true, None, false) => ReviewAction::Confirm,
                (false, Some(clause), false) => ReviewAction::Reattach { clause, quote, quote_start },
                (false, None, true) => ReviewAction::Close,
                _ => return Err("say what to do: --confirm, --reattach CLAUSE [--quote TEXT] or --close".into()),
            };
            let a = ws.annotate_review(id, &action, &author(who)).map_err(err)?;
            if json {
                print_json(&a);
            } else {
                println!("Annotation {} is {} on {} ({}).", a.id, a.anchor.as_str(), place(&a), a.status.as_str());
            }
        }
        AnnotateAction::Import { file } => {
            let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let (added, present) = ws.annotations_import_w3c(&text).map_err(err)?;
            if json {
                print_json(&serde_json::json!({"added": added, "already_present": present}));
            } else {
                println!("Imported {added} annotations ({present} were already here).");
            }
        }
        AnnotateAction::Delete { id, author: who } => {
            let a = ws.annotate_delete(id, &author(who)).map_err(err)?;
            if json {
                print_json(&a);
            } else {
                println!("Deleted annotation {} ({}).", a.id, a.title);
            }
        }
    }
    Ok(())
}

fn position(ws: &mut Workspace, action: PositionAction, json: bool) -> Result<(), String> {
    let err = |e: draftwatch_core::Error| e.to_string();
    match action {
        PositionAction::New { bill, version, title, intro, closing, lang } => {
            let p = ws.position_new(&bill, &version, &title, &intro, &closing, lang.as_deref()).map_err(err)?;
            if json {
                print_json(&p);
            } else {
                println!("Position {} on {} v{} (\"{}\"): {}", p.id, p.bill, p.version, p.version_label, p.title);
            }
        }
        PositionAction::List => {
            let list = ws.positions().map_err(err)?;
            if json {
                print_json(&list);
            } else {
                for p in list {
                    println!("{:>4}  {} v{}  {}", p.id, p.bill, p.version, p.title);
                }
            }
        }
        PositionAction::Show { id } => {
            let d = ws.position(id).map_err(err)?;
            if json {
                print_json(&d);
            } else {
                let p = &d.position;
                println!("{} — {} v{} (\"{}\")", p.title, p.bill, p.version, p.version_label);
                for (i, it) in d.items.iter().enumerate() {
                    let num = it.num.as_deref().map(|n| format!("art. {n}")).unwrap_or("—".into());
                    println!(
                        "  {}. {num}: {} [annotation {}, {}]",
                        i + 1,
                        it.annotation.title,
                        it.annotation.id,
                        it.annotation.status.as_str()
                    );
                }
                for e in &d.endorsements {
                    println!("  {} {} since {}", e.org.short_name, e.state.as_str(), e.date);
                }
            }
        }
        PositionAction::Edit { id, title, intro, closing } => {
            let p = ws.position_edit(id, title.as_deref(), intro.as_deref(), closing.as_deref()).map_err(err)?;
            if json {
                print_json(&p);
            } else {
                println!("Position {} updated.", p.id);
            }
        }
        PositionAction::Add { id, annotation, at } => {
            ws.position_add(id, annotation, at).map_err(err)?;
            if !json {
                println!("Annotation {annotation} is an item of position {id}.");
            }
        }
        PositionAction::Remove { id, annotation } => {
            ws.position_remove(id, annotation).map_err(err)?;
            if !json {
                println!("Annotation {annotation} removed from position {id}.");
            }
        }
        PositionAction::Endorse { id, org, state, date, note } => {
            let state = EndorsementState::parse(&state).map_err(err)?;
            let date = match date {
                Some(d) => d,
                None => today(ws)?,
            };
            ws.position_endorse(id, &org, state, &date, note.as_deref()).map_err(err)?;
            if !json {
                println!("{org}: {} on {date}.", state.as_str());
            }
        }
        PositionAction::Track { id, against } => {
            let card = ws.position_track(id, &against).map_err(err)?;
            if json {
                print_json(&card);
            } else {
                print!("{}", draftwatch_core::export::scorecard_markdown(&card));
            }
        }
        PositionAction::Export { id, format, output } => {
            use std::io::IsTerminal;
            if matches!(format.as_str(), "docx" | "pdf") && output.is_none() && std::io::stdout().is_terminal() {
                return Err(format!("a {} is not for the terminal: give --output FILE.{format}", format.to_uppercase()));
            }
            let bytes = ws.position_export(id, &format).map_err(err)?;
            write_out(&bytes, output.as_deref())?;
        }
    }
    Ok(())
}

/// Today's date (UTC), from the workspace's clock.
fn today(ws: &Workspace) -> Result<String, String> {
    ws.conn().query_row("SELECT date('now')", [], |r| r.get(0)).map_err(|e| e.to_string())
}

/// Writes an export to a file (whole or not at all) or to standard output.
fn write_out(bytes: &[u8], output: Option<&std::path::Path>) -> Result<(), String> {
    use std::io::Write;
    match output {
        Some(path) => {
            let tmp = path.with_extension("partial");
            std::fs::write(&tmp, bytes).and_then(|_| std::fs::rename(&tmp, path)).map_err(|e| format!("{}: {e}", path.display()))
        }
        None => std::io::stdout().lock().write_all(bytes).map_err(|e| e.to_string()),
    }
}

/// `bill v2 art. 8` for an annotation's place.
fn place(a: &Annotation) -> String {
    let clause = a.clause.as_ref().and_then(|c| c.num.clone()).map(|n| format!(" art. {n}")).unwrap_or_else(|| " (clause deleted)".into());
    format!("{} v{}{clause}", a.bill, a.version)
}

fn note(a: &Annotation) -> String {
    a.anchor_note.as_deref().map(|n| format!(": {n}")).unwrap_or_default()
}

/// Indexing progress on stderr, one line updated in place on a terminal.
fn show_progress(p: &Progress) {
    use std::io::{IsTerminal, Write};
    let mut err = std::io::stderr();
    if p.done == p.total {
        if err.is_terminal() {
            let _ = writeln!(err, "\rIndexing: {} versions done.{:30}", p.total, "");
        }
        return;
    }
    if err.is_terminal() {
        let _ = write!(err, "\rIndexing {} ({}/{})...{:20}", p.what, p.done + 1, p.total, "");
    } else if p.done == 0 {
        let _ = writeln!(err, "Building the search index ({} versions)...", p.total);
    }
}

/// Search results as text: one block per hit, matches in bold (or
/// [brackets] without colour), then the facet counts.
fn print_results(r: &Results, color: bool) {
    let mark = |snippet: &str, marks: &[[usize; 2]]| {
        let chars: Vec<char> = snippet.chars().collect();
        let (open, close) = if color { ("\x1b[1;4m", "\x1b[0m") } else { ("[", "]") };
        let mut out = String::new();
        let mut at = 0;
        for m in marks {
            out.extend(&chars[at.min(chars.len())..m[0].min(chars.len())]);
            out.push_str(open);
            out.extend(&chars[m[0].min(chars.len())..m[1].min(chars.len())]);
            out.push_str(close);
            at = m[1];
        }
        out.extend(&chars[at.min(chars.len())..]);
        out.replace('\n', " ")
    };
    println!("{} {}.", r.total, if r.total == 1 { "result" } else { "results" });
    let groups: Vec<(Option<&[draftwatch_core::search::Hit]>, &draftwatch_core::search::Hit)> = match &r.groups {
        Some(gs) => gs.iter().map(|g| (Some(&g.hits[..]), &g.hits[0])).collect(),
        None => r.hits.iter().map(|h| (None, h)).collect(),
    };
    for (all, h) in groups {
        let num = h.num.as_deref().map(|n| format!(" art. {n}")).unwrap_or_default();
        let heading = h.heading.as_deref().map(|t| format!(" — {t}")).unwrap_or_default();
        println!();
        match (h.annotation, &h.title) {
            (Some(id), title) => {
                println!("annotation {id}: {} — on {} v{}{num}  ({:.2})", title.as_deref().unwrap_or(""), h.bill, h.version, h.score)
            }
            _ => println!("{} v{} \"{}\"{num}{heading}  ({:.2})", h.bill, h.version, h.label, h.score),
        }
        if let Some(all) = all.filter(|a| a.len() > 1) {
            let seen: Vec<String> = all
                .iter()
                .map(|x| format!("v{}{}", x.version, x.num.as_deref().map(|n| format!(" art. {n}")).unwrap_or_default()))
                .collect();
            println!("  in: {}", seen.join(", "));
        }
        println!("  {}", mark(&h.snippet, &h.marks));
    }
    for (dim, counts) in &r.facets {
        if counts.is_empty() {
            continue;
        }
        let list: Vec<String> = counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
        println!("\n{dim}: {}", list.join(", "));
    }
}

/// The `show --json` shape: nested objects with the fields named in the contract.
#[derive(Serialize)]
struct JsonNode<'a> {
    eid: &'a str,
    kind: Kind,
    num: Option<&'a str>,
    num_value: Option<&'a str>,
    heading: Option<&'a str>,
    text: &'a str,
    children: Vec<JsonNode<'a>>,
}

impl<'a> From<&'a Node> for JsonNode<'a> {
    fn from(n: &'a Node) -> Self {
        JsonNode {
            eid: &n.eid,
            kind: n.kind,
            num: n.num.as_deref(),
            num_value: n.num_value.as_deref(),
            heading: n.heading.as_deref(),
            text: &n.text,
            children: n.children.iter().map(JsonNode::from).collect(),
        }
    }
}

/// A comparison's JSON, written as [`print_json`] would write it, faster.
fn print_report_json(report: &draftwatch_core::diff::report::DiffReport) {
    use std::io::Write;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    if let Err(e) = report.write_json_pretty(&mut out).and_then(|_| writeln!(out)).and_then(|_| out.flush()) {
        eprintln!("draftwatch: cannot write JSON: {e}");
    }
}

fn print_json<T: Serialize + ?Sized>(value: &T) {
    // One buffered write: stdout is line-buffered, and a comparison's JSON has
    // a hundred thousand lines.
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written =
        serde_json::to_writer_pretty(&mut out, value).map_err(|e| e.to_string()).and_then(|_| writeln!(out).map_err(|e| e.to_string()));
    if let Err(e) = written.and_then(|_| out.flush().map_err(|e| e.to_string())) {
        eprintln!("draftwatch: cannot write JSON: {e}");
    }
}

fn label(kind: Kind) -> &'static str {
    match kind {
        Kind::Book => "Book",
        Kind::Part => "Part",
        Kind::Title => "Title",
        Kind::Subtitle => "Subtitle",
        Kind::Chapter => "Chapter",
        Kind::Subchapter => "Subchapter",
        Kind::Section => "Section",
        Kind::Subsection => "Subsection",
        Kind::Article => "Article",
        Kind::Clause => "Section",
        Kind::Paragraph | Kind::Point | Kind::Text => "",
        Kind::Preamble => "Preamble",
        Kind::Front => "Front matter",
        Kind::Annex => "Annex",
        Kind::Signature => "Signature",
        Kind::Note => "Note",
    }
}

/// Numbers and headings, indented by depth; with `text`, each provision's text too.
fn print_outline(nodes: &[Node], depth: usize, text: bool) {
    for n in nodes {
        let indent = "  ".repeat(depth);
        let mut line = String::from(label(n.kind));
        if let Some(num) = &n.num {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(num);
        }
        if let Some(h) = &n.heading {
            line.push_str(if line.is_empty() { "" } else { " — " });
            line.push_str(h);
        }
        let show_text = text || line.is_empty();
        if !line.is_empty() {
            println!("{indent}{line}");
        }
        if show_text && !n.text.is_empty() {
            for t in n.text.lines() {
                println!("{indent}  {t}");
            }
        }
        if n.kind.group_rank().is_some() || text || matches!(n.kind, Kind::Annex | Kind::Preamble) {
            print_outline(&n.children, depth + 1, text);
        }
    }
}
