//! The terminal redline: a readable text rendering of a comparison.
//!
//! Deletions are `[-struck-]` and insertions `{+added+}` (the `git --word-diff`
//! convention), in red and green with `color`. Each change starts with a line
//! naming the clause(s), the kind and what is notable about it.

use crate::diff::report::{Change, ChangeKind, ClauseRef, DiffReport, OpKind};
use std::fmt::Write as _;

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Renders a report; `changed_only` leaves out unchanged clauses.
pub fn render_text(report: &DiffReport, color: bool, changed_only: bool) -> String {
    let mut out = String::new();
    let paint = |code: &str, s: &str| if color { format!("{code}{s}{RESET}") } else { s.to_string() };
    let s = &report.summary;
    let _ = writeln!(
        out,
        "{}",
        paint(
            BOLD,
            &report.title(&version(&report.from.label, report.from.date.as_deref()), &version(&report.to.label, report.to.date.as_deref()))
        )
    );
    let _ = writeln!(
        out,
        "{} unchanged, {} modified, {} split, {} merged, {} added, {} deleted; {} renumbered, {} moved; {} substantive",
        s.unchanged, s.modified, s.split, s.merged, s.added, s.deleted, s.renumbered, s.moved, s.substantive
    );
    for c in &report.changes {
        if changed_only && !c.changed() {
            continue;
        }
        out.push('\n');
        let _ = writeln!(out, "{}", paint(BOLD, &title(c)));
        match c.kind {
            ChangeKind::Unchanged => {
                let _ = writeln!(out, "{}", paint(DIM, "  (text unchanged)"));
            }
            _ => {
                let mut body = String::new();
                for op in &c.ops {
                    match op.op {
                        OpKind::Equal => body.push_str(&op.text),
                        OpKind::Delete => body.push_str(&paint(RED, &format!("[-{}-]", op.text))),
                        OpKind::Insert => body.push_str(&paint(GREEN, &format!("{{+{}+}}", op.text))),
                    }
                }
                for line in body.lines() {
                    let _ = writeln!(out, "  {line}");
                }
            }
        }
    }
    out
}

fn version(label: &str, date: Option<&str>) -> String {
    match date {
        Some(d) => format!("{label} ({d})"),
        None => label.to_string(),
    }
}

fn names(refs: &[ClauseRef]) -> String {
    refs.iter()
        .map(|r| {
            let num = r.num.as_deref().unwrap_or(&r.eid);
            match &r.heading {
                Some(h) => format!("{num} {h}"),
                None => num.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// "8 Registration → 9 Registration: modified, renumbered, substantive (operative-word)".
fn title(c: &Change) -> String {
    let clauses = match (c.from.is_empty(), c.to.is_empty()) {
        (true, _) => format!("+ {}", names(&c.to)),
        (_, true) => format!("- {}", names(&c.from)),
        _ => format!("{} → {}", names(&c.from), names(&c.to)),
    };
    let mut notes = vec![c.kind.as_str().to_string()];
    if c.renumbered {
        notes.push("renumbered".into());
    }
    if c.moved {
        notes.push("moved".into());
    }
    if matches!(c.kind, ChangeKind::Modified | ChangeKind::Split | ChangeKind::Merged) {
        notes.push(if c.substantive { "substantive".into() } else { "cosmetic".into() });
    }
    let flags = if c.flags.is_empty() { String::new() } else { format!(" ({})", c.flags.join(", ")) };
    format!("{clauses}: {}{flags}", notes.join(", "))
}
