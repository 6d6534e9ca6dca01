//! Bills and their versions: `import`, `bills`, `versions`, `show`, `history`.

use crate::args::ImportArgs;
use crate::error::CliError;
use crate::print::Out;
use draftwatch_core::ingest::Format;
use draftwatch_core::structure::{Kind, Node};
use draftwatch_core::workspace::{ImportOptions, Provenance, Workspace};
use serde::Serialize;

/// `import FILE --bill B ...`
pub fn import(ws: &mut Workspace, args: ImportArgs, out: Out) -> Result<(), CliError> {
    let ImportArgs { file, bill, title, label, date, lang, stage, provenance, format } = args;
    let format = match format.as_str() {
        "auto" => None,
        f => Some(
            Format::parse(f)
                .ok_or_else(|| CliError::invalid("format", format!("unknown format \"{f}\": use auto, txt, md, docx, html, pdf or akn")))?,
        ),
    };
    let provenance = provenance.map(|p| Provenance::parse(&p)).transpose()?;
    let opts = ImportOptions { bill, title, label, date, lang, stage, provenance, format };
    let report = ws.import_file(&file, &opts)?;
    out.emit(&report, |report| {
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
    })
}

/// `bills`
pub fn bills(ws: &Workspace, out: Out) -> Result<(), CliError> {
    out.emit(&ws.bills()?, |bills| {
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
    })
}

/// `versions BILL`
pub fn versions(ws: &Workspace, bill: &str, out: Out) -> Result<(), CliError> {
    out.emit(&ws.versions(bill)?, |versions| {
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
    })
}

/// `show BILL VERSION [--clause NUM]`
pub fn show(ws: &Workspace, bill: &str, version: &str, clause: Option<&str>, out: Out) -> Result<(), CliError> {
    match clause {
        Some(num) => {
            let node = ws.clause(bill, version, num)?;
            out.emit(&JsonNode::from(&node), |_| print_outline(std::slice::from_ref(&node), 0, true))
        }
        None => {
            let tree = ws.tree(bill, version)?;
            out.emit(&tree.iter().map(JsonNode::from).collect::<Vec<_>>(), |_| print_outline(&tree, 0, false))
        }
    }
}

/// `history BILL VERSION CLAUSE`
pub fn history(ws: &Workspace, bill: &str, version: &str, clause: &str, out: Out) -> Result<(), CliError> {
    out.emit(&ws.history(bill, version, clause)?, |steps| {
        for s in steps {
            let clauses = s.clauses.iter().map(|c| c.num.clone().unwrap_or_else(|| c.eid.clone())).collect::<Vec<_>>().join(" + ");
            let heading = s.clauses.first().and_then(|c| c.heading.clone()).unwrap_or_default();
            let date = s.date.as_deref().map(|d| format!(" ({d})")).unwrap_or_default();
            let clause = if clauses.is_empty() { "—".to_string() } else { format!("{clauses} {heading}") };
            println!("{:>3} {}{date}: {} — {}", s.seq, s.label, clause.trim_end(), s.summary);
        }
    })
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

/// The word printed before a node's number in an outline.
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
