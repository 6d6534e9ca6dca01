//! `search` over every clause and annotation, and `index rebuild`.

use crate::args::{IndexAction, SearchArgs};
use crate::error::CliError;
use crate::print::{plural, use_color, Out};
use draftwatch_core::search::{Hit, Progress, Results};
use draftwatch_core::workspace::{SearchOptions, Workspace};
use std::io::{IsTerminal, Write};

/// `search QUERY ...`
pub fn search(ws: &mut Workspace, args: SearchArgs, out: Out) -> Result<(), CliError> {
    let SearchArgs { query, bill, version, right, org, status, impact, latest, group, limit, no_color } = args;
    let opts = SearchOptions { bill, version, right, org, status, impact, latest, group, limit: Some(limit) };
    ws.index_with(&mut show_progress)?;
    let results = ws.search(&query, &opts)?;
    out.emit(&results, |r| print_results(r, use_color(no_color)))
}

/// `index rebuild`
pub fn index(ws: &mut Workspace, action: IndexAction, out: Out) -> Result<(), CliError> {
    match action {
        IndexAction::Rebuild => {
            let docs = ws.rebuild_index(&mut show_progress)?;
            out.done(&serde_json::json!({ "documents": docs }), format_args!("Search index rebuilt: {docs} documents."))
        }
    }
}

/// Indexing progress on stderr, one line updated in place on a terminal.
fn show_progress(p: &Progress) {
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
    println!("{}.", plural(r.total, "result", "results"));
    let groups: Vec<(Option<&[Hit]>, &Hit)> = match &r.groups {
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
