//! The commands, one file per family. Each calls functions of
//! `draftwatch_core::Workspace` and prints their result through
//! [`crate::print::Out`]: text, or JSON under `--json`.

mod annotate;
mod bills;
mod diff;
mod export;
mod org;
mod position;
mod right;
mod search;

use crate::args::{Cli, Command, DiffArgs};
use crate::error::CliError;
use crate::print::Out;
use draftwatch_core::workspace::Workspace;

/// Runs the command of `cli`.
pub fn run(cli: Cli) -> Result<(), CliError> {
    let out = Out { json: cli.json };
    // Comparing two files needs no workspace.
    if let Command::Diff(args @ DiffArgs { files: Some(files), .. }) = &cli.command {
        return diff::files(&files[0], &files[1], args, out);
    }
    let dir = cli.workspace.clone().unwrap_or_else(Workspace::default_dir);
    let mut ws = Workspace::open(&dir)?;
    match cli.command {
        Command::Import(args) => bills::import(&mut ws, args, out),
        Command::Bills => bills::bills(&ws, out),
        Command::Versions { bill } => bills::versions(&ws, &bill, out),
        Command::Show { bill, version, clause } => bills::show(&ws, &bill, &version, clause.as_deref(), out),
        Command::History { bill, version, clause } => bills::history(&ws, &bill, &version, &clause, out),
        Command::Diff(args) => diff::versions(&ws, &args, out),
        Command::Search(args) => search::search(&mut ws, args, out),
        Command::Index { action } => search::index(&mut ws, action, out),
        Command::Annotate { action } => annotate::run(&mut ws, action, out),
        Command::Position { action } => position::run(&mut ws, action, out),
        Command::Export { what } => export::export(&ws, what, out),
        Command::Bundle { action } => export::bundle(&mut ws, action, out),
        Command::Org { action } => org::run(&mut ws, action, out),
        Command::Right { action } => right::run(&mut ws, action, out),
    }
}
