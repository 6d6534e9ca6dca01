//! The app's IPC commands, each declared once: its name, arguments, result,
//! documentation and a one-line body over `draftwatch-core`. From this list come
//! the `#[tauri::command]` functions and the handler (`declare_commands!`, src/declare.rs),
//! the TypeScript functions of `ui/src/lib/commands.ts` ([`signatures`], see
//! [`crate::bindings`]), and the permission set `app-commands` that the
//! window's capability grants (`build.rs` parses this file).
//!
//! To add a command, add a line here; nothing else is edited by hand.

use crate::declare::declare_commands;
use crate::dialogs;
use draftwatch_core::annotate::{taxonomy::Right, Annotation, AnnotationDetail, AnnotationEdit, Filter, NewAnnotation, Reply};
use draftwatch_core::diff::report::DiffReport;
use draftwatch_core::positions::{track::Scorecard, EndorsementState, Organisation, Position, PositionDetail};
use draftwatch_core::search::Results;
use draftwatch_core::structure::Node;
use draftwatch_core::workspace::{
    BillInfo, HistoryStep, ImportOptions, ImportReport, ReviewAction, ReviewItem, SearchOptions, VersionInfo,
};

declare_commands! {
    /// Every bill in the workspace.
    fn list_bills() -> Vec<BillInfo> = |ws| ws.bills();
    /// The versions of one bill, oldest first.
    fn list_versions(bill: String) -> Vec<VersionInfo> = |ws| ws.versions(&bill);
    /// The structure of one version (number, label or `latest`).
    fn version_tree(bill: String, version: String) -> Vec<Node> = |ws| ws.tree(&bill, &version);
    /// The clause-level comparison of two versions.
    fn compare(bill: String, from: String, to: String) -> DiffReport = |ws| ws.diff(&bill, &from, &to);
    /// A clause's lineage through every version of its bill.
    fn clause_history(bill: String, version: String, clause: String) -> Vec<HistoryStep> = |ws| ws.history(&bill, &version, &clause);
    /// Imports one file as a new version, in one transaction.
    fn import_file(path: String, options: ImportOptions) -> ImportReport = |ws| ws.import_file(path.as_ref(), &options);
    /// Searches every clause and annotation.
    fn search(query: String, options: SearchOptions) -> Results = |ws| ws.search(&query, &options);
    /// The rights taxonomy.
    fn rights() -> Vec<Right> = |ws| ws.rights();
    /// The organisations.
    fn orgs() -> Vec<Organisation> = |ws| ws.orgs();
    /// Adds an organisation (or updates one with the same short name).
    fn org_add(org: Organisation) -> Organisation = |ws| ws.org_add(&org);
    /// The annotations that pass a filter.
    fn annotations(filter: Filter) -> Vec<Annotation> = |ws| ws.annotations(&filter);
    /// One annotation with its placements, history and replies.
    fn annotation(id: i64) -> AnnotationDetail = |ws| ws.annotation(id);
    /// Annotates a clause or a quoted span of it.
    fn annotate_add(annotation: NewAnnotation) -> Annotation = |ws| ws.annotate_add(&annotation);
    /// Changes an annotation's fields (each change is kept in its history).
    fn annotate_edit(id: i64, edit: AnnotationEdit, author: String) -> Annotation = |ws| ws.annotate_edit(id, &edit, &author);
    /// Deletes an annotation (its history is kept).
    fn annotate_delete(id: i64, author: String) -> Annotation = |ws| ws.annotate_delete(id, &author);
    /// Adds a reply to an annotation's thread.
    fn annotate_reply(id: i64, author: String, org: Option<String>, body: String) -> Reply = |ws| ws.annotate_reply(id, &author, org.as_deref(), &body);
    /// Carried-forward annotations that need a person, with old and new text.
    fn review_queue(bill: Option<String>) -> Vec<ReviewItem> = |ws| ws.review_queue(bill.as_deref());
    /// Confirms, re-attaches or closes an annotation in review.
    fn annotate_review(id: i64, action: ReviewAction, author: String) -> Annotation = |ws| ws.annotate_review(id, &action, &author);
    /// The joint positions, newest first.
    fn positions() -> Vec<Position> = |ws| ws.positions();
    /// A position with its items and endorsements.
    fn position(id: i64) -> PositionDetail = |ws| ws.position(id);
    /// Starts a joint position on a version.
    fn position_new(bill: String, version: String, title: String, intro: String, closing: String, lang: Option<String>) -> Position = |ws| ws.position_new(&bill, &version, &title, &intro, &closing, lang.as_deref());
    /// Changes a position's title, introduction or closing.
    fn position_edit(id: i64, title: Option<String>, intro: Option<String>, closing: Option<String>) -> Position = |ws| ws.position_edit(id, title.as_deref(), intro.as_deref(), closing.as_deref());
    /// Adds an annotation to a position, at the end or at a 1-based place (adding again moves it).
    fn position_add(id: i64, annotation: i64, at: Option<usize>) -> () = |ws| ws.position_add(id, annotation, at);
    /// Removes an annotation from a position.
    fn position_remove(id: i64, annotation: i64) -> () = |ws| ws.position_remove(id, annotation);
    /// Records an organisation's endorsement state on a date.
    fn position_endorse(id: i64, org: String, state: EndorsementState, date: String, note: Option<String>) -> () = |ws| ws.position_endorse(id, &org, state, &date, note.as_deref());
    /// The adoption scorecard of a position against a later version.
    fn position_track(id: i64, against: String) -> Scorecard = |ws| ws.position_track(id, &against);
    /// Asks for files to import (a file dialog); empty when cancelled.
    fn pick_import_files() -> Vec<String> = async |app, _state| dialogs::pick_import_files(app).await;
    /// Exports a position (docx, pdf, md or html) through a save dialog; the path written, or null when cancelled.
    fn save_position(id: i64, format: String, name: String) -> Option<String> = async |app, state| dialogs::save_position(app, &state, id, format, name).await;
}
