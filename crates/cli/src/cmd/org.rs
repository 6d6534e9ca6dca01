//! `org`: the coalition's member organisations.

use crate::args::OrgAction;
use crate::error::CliError;
use crate::print::Out;
use draftwatch_core::positions::Organisation;
use draftwatch_core::workspace::Workspace;

/// `org add|list`
pub fn run(ws: &mut Workspace, action: OrgAction, out: Out) -> Result<(), CliError> {
    match action {
        OrgAction::Add { short_name, name, name_km, contact } => {
            let o = ws.org_add(&Organisation { uid: String::new(), short_name, name, name_km, contact })?;
            out.done(&o, format_args!("Added organisation {} ({}).", o.short_name, o.name))
        }
        OrgAction::List => out.emit(&ws.orgs()?, |orgs| {
            for o in orgs {
                let km = o.name_km.as_deref().map(|k| format!(" / {k}")).unwrap_or_default();
                println!("{:<12} {}{km}", o.short_name, o.name);
            }
        }),
    }
}
