//! `position`: joint positions (new, list, show, edit, add, remove, endorse,
//! track, export).

use crate::args::PositionAction;
use crate::error::CliError;
use crate::print::Out;
use draftwatch_core::error::NotFound;
use draftwatch_core::positions::EndorsementState;
use draftwatch_core::workspace::Workspace;
use std::io::IsTerminal;

/// `position ...`
pub fn run(ws: &mut Workspace, action: PositionAction, out: Out) -> Result<(), CliError> {
    match action {
        PositionAction::New { bill, version, title, intro, closing, lang } => {
            let p = ws.position_new(&bill, &version, &title, &intro, &closing, lang.as_deref())?;
            out.done(&p, format_args!("Position {} on {} v{} (\"{}\"): {}", p.id, p.bill, p.version, p.version_label, p.title))
        }
        PositionAction::List => out.emit(&ws.positions()?, |list| {
            for p in list {
                println!("{:>4}  {} v{}  {}", p.id, p.bill, p.version, p.title);
            }
        }),
        PositionAction::Show { id } => out.emit(&ws.position(id)?, |d| {
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
        }),
        PositionAction::Edit { id, title, intro, closing } => {
            let p = ws.position_edit(id, title.as_deref(), intro.as_deref(), closing.as_deref())?;
            out.done(&p, format_args!("Position {} updated.", p.id))
        }
        // Under --json, adding and removing print the position with its items.
        PositionAction::Add { id, annotation, at } => {
            ws.position_add(id, annotation, at)?;
            out.done(&ws.position(id)?, format_args!("Annotation {annotation} is an item of position {id}."))
        }
        PositionAction::Remove { id, annotation } => {
            ws.position_remove(id, annotation)?;
            out.done(&ws.position(id)?, format_args!("Annotation {annotation} removed from position {id}."))
        }
        // Under --json, the organisation's endorsement as recorded.
        PositionAction::Endorse { id, org, state, date, note } => {
            let state = EndorsementState::parse(&state)?;
            let date = match date {
                Some(d) => d,
                None => ws.today()?,
            };
            ws.position_endorse(id, &org, state, &date, note.as_deref())?;
            let detail = ws.position(id)?;
            let endorsement = detail
                .endorsements
                .iter()
                .find(|e| e.org.short_name == org)
                .ok_or_else(|| CliError::Core(NotFound::Organisation(org.clone()).into()))?;
            out.done(endorsement, format_args!("{org}: {} on {date}.", state.as_str()))
        }
        PositionAction::Track { id, against } => {
            out.emit(&ws.position_track(id, &against)?, |card| print!("{}", draftwatch_core::render::position::scorecard_markdown(card)))
        }
        PositionAction::Export { id, format, output } => {
            if matches!(format.as_str(), "docx" | "pdf") && output.is_none() && std::io::stdout().is_terminal() {
                return Err(CliError::Usage(format!("a {} is not for the terminal: give --output FILE.{format}", format.to_uppercase())));
            }
            out.export(&ws.position_export(id, &format)?, output.as_deref())
        }
    }
}
