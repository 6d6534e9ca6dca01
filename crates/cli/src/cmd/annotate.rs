//! `annotate`: rights-impact annotations on clauses (add, list, show, edit,
//! reply, review, import, delete).

use crate::args::AnnotateAction;
use crate::error::CliError;
use crate::print::Out;
use draftwatch_core::annotate::{Annotation, AnnotationEdit, Filter, NewAnnotation};
use draftwatch_core::workspace::{ReviewAction, Workspace};

/// `annotate ...`
pub fn run(ws: &mut Workspace, action: AnnotateAction, out: Out) -> Result<(), CliError> {
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
            let a = ws.annotate_add(&na)?;
            out.done(&a, format_args!("Added annotation {} on {}.", a.id, place(&a)))
        }
        AnnotateAction::List { bill, right, org, status } => {
            let list = ws.annotations(&Filter { bill, right, org, status, ..Filter::default() })?;
            out.emit(&list, |list| {
                for a in list {
                    println!(
                        "{:>4}  {:<28} {:<18} {:<9} {:<12} {}",
                        a.id,
                        place(a),
                        a.impact.as_str(),
                        a.status.as_str(),
                        a.anchor.as_str(),
                        a.title
                    );
                }
            })
        }
        AnnotateAction::Show { id } => {
            let d = ws.annotation(id)?;
            out.emit(&d, |d| {
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
            })
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
            let a = ws.annotate_edit(id, &e, &author(who))?;
            out.done(&a, format_args!("Annotation {} is now: {} ({}, {}).", a.id, a.title, a.impact.as_str(), a.status.as_str()))
        }
        AnnotateAction::Reply { id, body, org, author: who } => {
            let r = ws.annotate_reply(id, &author(who), org.as_deref(), &body)?;
            out.done(&r, format_args!("Replied to annotation {id}."))
        }
        AnnotateAction::Review { id: None, bill, .. } => {
            let items = ws.review_queue(bill.as_deref())?;
            out.emit(&items, |items| {
                if items.is_empty() {
                    println!("Nothing needs review.");
                    return;
                }
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
            })
        }
        AnnotateAction::Review { id: Some(id), confirm, reattach, quote, quote_start, close, author: who, .. } => {
            let action = match (confirm, reattach, close) {
                (true, None, false) => ReviewAction::Confirm,
                (false, Some(clause), false) => ReviewAction::Reattach { clause, quote, quote_start },
                (false, None, true) => ReviewAction::Close,
                _ => return Err(CliError::Usage("say what to do: --confirm, --reattach CLAUSE [--quote TEXT] or --close".into())),
            };
            let a = ws.annotate_review(id, &action, &author(who))?;
            out.done(&a, format_args!("Annotation {} is {} on {} ({}).", a.id, a.anchor.as_str(), place(&a), a.status.as_str()))
        }
        AnnotateAction::Import { file } => {
            let text = std::fs::read_to_string(&file).map_err(|source| CliError::Read { path: file.clone(), source })?;
            let (added, present) = ws.annotations_import_w3c(&text)?;
            out.done(
                &serde_json::json!({"added": added, "already_present": present}),
                format_args!("Imported {added} annotations ({present} were already here)."),
            )
        }
        AnnotateAction::Delete { id, author: who } => {
            let a = ws.annotate_delete(id, &author(who))?;
            out.done(&a, format_args!("Deleted annotation {} ({}).", a.id, a.title))
        }
    }
}

/// The author of a change: `--author`, else $DRAFTWATCH_AUTHOR, else $USER.
fn author(given: Option<String>) -> String {
    given
        .or_else(|| std::env::var("DRAFTWATCH_AUTHOR").ok())
        .or_else(|| std::env::var("USER").ok())
        .filter(|a| !a.trim().is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// `bill v2 art. 8` for an annotation's place.
fn place(a: &Annotation) -> String {
    let clause = a.clause.as_ref().and_then(|c| c.num.clone()).map(|n| format!(" art. {n}")).unwrap_or_else(|| " (clause deleted)".into());
    format!("{} v{}{clause}", a.bill, a.version)
}

/// `: why` when the placement has a note.
fn note(a: &Annotation) -> String {
    a.anchor_note.as_deref().map(|n| format!(": {n}")).unwrap_or_default()
}
