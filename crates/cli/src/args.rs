//! The command line's grammar: every command, option and argument, as clap
//! reads them (and prints them in `--help`). Nothing here runs a command:
//! [`crate::cmd`] does, one file per command family.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "draftwatch", version, about = "Track successive drafts of a bill, clause by clause, in English and Khmer.")]
pub struct Cli {
    /// Workspace folder (default: $DRAFTWATCH_WORKSPACE, else the platform data directory).
    #[arg(long, global = true, value_name = "DIR")]
    pub workspace: Option<PathBuf>,
    /// Print machine-readable JSON.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Import a version of a bill (txt, md, docx, html, pdf with text, Akoma Ntoso / USLM XML).
    Import(ImportArgs),
    /// List the bills.
    Bills,
    /// List the versions of a bill.
    Versions {
        /// Bill slug.
        bill: String,
    },
    /// Compare two versions clause by clause: BILL FROM TO, or --files A B.
    Diff(DiffArgs),
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
    Search(SearchArgs),
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
pub struct AnnotationFields {
    /// Title.
    #[arg(long)]
    pub title: Option<String>,
    /// The concern: why this text matters for rights.
    #[arg(long)]
    pub concern: Option<String>,
    /// The recommendation, in words.
    #[arg(long)]
    pub recommendation: Option<String>,
    /// Proposed wording replacing the quote (or the whole clause).
    #[arg(long)]
    pub proposed: Option<String>,
    /// Recommend deleting the clause.
    #[arg(long)]
    pub delete_clause: bool,
    /// A right affected (taxonomy id; repeat for several). `draftwatch right list` lists them.
    #[arg(long = "right")]
    pub rights: Vec<String>,
    /// strongly-restricts, restricts (default), neutral, protects, strongly-protects.
    #[arg(long)]
    pub impact: Option<String>,
    /// A legal reference, e.g. "ICCPR Art. 22" (repeat for several).
    #[arg(long = "ref")]
    pub refs: Vec<String>,
    /// A tag (repeat for several).
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    /// draft (default), proposed, agreed, withdrawn.
    #[arg(long)]
    pub status: Option<String>,
    /// Organisation (short name).
    #[arg(long)]
    pub org: Option<String>,
}

#[derive(Subcommand)]
pub enum AnnotateAction {
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
pub enum PositionAction {
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
pub enum BundleAction {
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
pub enum ExportWhat {
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
pub enum OrgAction {
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
pub enum RightAction {
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
pub enum IndexAction {
    /// Drop the index and build it again from the database.
    Rebuild,
}

// The options of `import`.
#[derive(clap::Args)]
pub struct ImportArgs {
    /// The file.
    pub file: PathBuf,
    /// The bill's short name (created if new), e.g. lango.
    #[arg(long)]
    pub bill: String,
    /// Title of a new bill.
    #[arg(long)]
    pub title: Option<String>,
    /// Version label (default: the file name).
    #[arg(long)]
    pub label: Option<String>,
    /// Date of the version, YYYY-MM-DD.
    #[arg(long)]
    pub date: Option<String>,
    /// Language: en, km, ... (default: from the document).
    #[arg(long)]
    pub lang: Option<String>,
    /// Stage, e.g. consultation, council-of-ministers, national-assembly.
    #[arg(long)]
    pub stage: Option<String>,
    /// official, leaked, translation or unofficial (default).
    #[arg(long)]
    pub provenance: Option<String>,
    /// auto (default), txt, md, docx, html, pdf, akn.
    #[arg(long, default_value = "auto")]
    pub format: String,
}

// The options of `diff`.
#[derive(clap::Args)]
pub struct DiffArgs {
    /// Bill slug, then the two versions (number, label or `latest`).
    #[arg(num_args = 0..=3, value_name = "BILL FROM TO")]
    pub args: Vec<String>,
    /// Compare two files without a workspace.
    #[arg(long, num_args = 2, value_names = ["A", "B"], conflicts_with = "args")]
    pub files: Option<Vec<PathBuf>>,
    /// Leave out unchanged clauses.
    #[arg(long)]
    pub changed_only: bool,
    /// text (default), json, html, docx (Word tracked changes) or pdf (through LibreOffice).
    #[arg(long, default_value = "text")]
    pub format: String,
    /// No colours in text output (default: colours only on a terminal).
    #[arg(long)]
    pub no_color: bool,
    /// Write to this file (default: standard output; a DOCX needs a file or a pipe).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

// The options of `search`.
#[derive(clap::Args)]
pub struct SearchArgs {
    /// The query.
    pub query: String,
    /// Only this bill.
    #[arg(long)]
    pub bill: Option<String>,
    /// Only this version of --bill (number, label or `latest`).
    #[arg(long)]
    pub version: Option<String>,
    /// Only documents about this right (taxonomy id).
    #[arg(long)]
    pub right: Option<String>,
    /// Only documents of this organisation.
    #[arg(long)]
    pub org: Option<String>,
    /// Only annotations with this status.
    #[arg(long)]
    pub status: Option<String>,
    /// Only annotations with this impact.
    #[arg(long)]
    pub impact: Option<String>,
    /// Only the newest version of each bill.
    #[arg(long)]
    pub latest: bool,
    /// Group hits by clause lineage (one result per clause across versions).
    #[arg(long)]
    pub group: bool,
    /// Most results.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// No colours (default: colours only on a terminal).
    #[arg(long)]
    pub no_color: bool,
}
