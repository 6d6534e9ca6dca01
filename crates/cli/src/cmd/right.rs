//! `right`: the rights taxonomy (built in, plus the workspace's own entries).

use crate::args::RightAction;
use crate::error::CliError;
use crate::print::Out;
use draftwatch_core::annotate::taxonomy::Right;
use draftwatch_core::workspace::Workspace;

/// `right list|add`
pub fn run(ws: &mut Workspace, action: RightAction, out: Out) -> Result<(), CliError> {
    match action {
        RightAction::List => out.emit(&ws.rights()?, |rights| {
            for r in rights {
                println!("{:<20} {} / {}  [{}]", r.id, r.en, r.km, r.refs.join("; "));
            }
        }),
        // Under --json, the right as the taxonomy now holds it.
        RightAction::Add { id, en, km, refs } => {
            let right = Right { id, en, km, refs, builtin: false };
            ws.right_add(&right)?;
            let added = ws.rights()?.into_iter().find(|r| r.id == right.id).unwrap_or(right);
            out.done(&added, format_args!("Added right {}.", added.id))
        }
    }
}
