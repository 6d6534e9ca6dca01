//! IPC commands: one-line bodies over `draftwatch-core`, run on the blocking
//! pool, errors as `{code, message}`.
//!
//! The workspace commands are declared once, in [`workspace_commands!`], which
//! writes each `#[tauri::command]` and also its TypeScript signature
//! ([`signatures`]), so `ui/src/lib/commands.ts` is generated from the same
//! declaration and the two sides cannot drift (`scripts/check-bindings.sh`).

use crate::AppState;
use draftwatch_core::annotate::{taxonomy::Right, Annotation, AnnotationDetail, AnnotationEdit, Filter, NewAnnotation};
use draftwatch_core::diff::report::DiffReport;
use draftwatch_core::positions::{track::Scorecard, EndorsementState, Organisation, Position, PositionDetail};
use draftwatch_core::search::Results;
use draftwatch_core::structure::Node;
use draftwatch_core::workspace::{
    BillInfo, HistoryStep, ImportOptions, ImportReport, ReviewAction, ReviewItem, SearchOptions, VersionInfo,
};
use draftwatch_core::Workspace;
use serde::Serialize;

/// The error shape the UI receives.
#[derive(Debug, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct IpcError {
    /// Stable code the UI may branch on (`not_found`, `invalid`, `io`, ...).
    pub code: String,
    /// A sentence for the user.
    pub message: String,
}

impl From<draftwatch_core::Error> for IpcError {
    fn from(e: draftwatch_core::Error) -> Self {
        IpcError { code: e.code().into(), message: e.to_string() }
    }
}

fn internal(e: impl std::fmt::Display) -> IpcError {
    IpcError { code: "internal".into(), message: format!("the task failed: {e}") }
}

/// Runs `f` on the app's workspace, on the blocking pool.
pub async fn run<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&mut Workspace) -> draftwatch_core::workspace::Result<T> + Send + 'static,
) -> Result<T, IpcError> {
    let ws = state.workspace.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let mut ws = ws.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut ws)
    })
    .await
    .map_err(internal)?
    .map_err(IpcError::from)
}

/// One command's TypeScript signature.
pub struct Signature {
    /// Command name.
    pub name: &'static str,
    /// Its doc comment.
    pub doc: &'static str,
    /// Arguments: JavaScript name (camelCase, as Tauri maps them) and TypeScript type.
    pub args: Vec<(String, String)>,
    /// TypeScript type of the result.
    pub ret: String,
}

/// The TypeScript name of `T`; 64-bit integers are `number`, as serde_json writes them.
fn ts_name<T: ts_rs::TS + ?Sized>() -> String {
    T::name(&ts_rs::Config::new().with_large_int("number"))
}

macro_rules! workspace_commands {
    ($( #[doc = $doc:literal] fn $name:ident($($arg:ident : $ty:ty),*) -> $ret:ty = |$ws:ident| $body:expr; )*) => {
        $(
            #[doc = $doc]
            #[tauri::command]
            pub async fn $name(state: tauri::State<'_, AppState>, $($arg: $ty),*) -> Result<$ret, IpcError> {
                run(&state, move |$ws: &mut Workspace| $body).await
            }
        )*

        /// The TypeScript signature of every workspace command.
        pub fn signatures() -> Vec<Signature> {
            vec![$(Signature {
                name: stringify!($name),
                doc: $doc.trim(),
                args: vec![$((crate::tsgen::camel(stringify!($arg)), ts_name::<$ty>())),*],
                ret: ts_name::<$ret>(),
            }),*]
        }

        /// Registers every command with the builder.
        pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name,)* pick_import_files, save_position]
        }
    };
}

workspace_commands! {
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
    fn annotate_reply(id: i64, author: String, org: Option<String>, body: String) -> draftwatch_core::annotate::Reply = |ws| ws.annotate_reply(id, &author, org.as_deref(), &body);
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
}

/// Every command's TypeScript signature, the hand-written ones included.
pub fn all_signatures() -> Vec<Signature> {
    let mut all = signatures();
    all.push(Signature {
        name: "pick_import_files",
        doc: "Asks for files to import (a file dialog); empty when cancelled.",
        args: vec![],
        ret: ts_name::<Vec<String>>(),
    });
    all.push(Signature {
        name: "save_position",
        doc: "Exports a position (docx, pdf, md or html) through a save dialog; the path written, or null when cancelled.",
        args: vec![("id".into(), ts_name::<i64>()), ("format".into(), ts_name::<String>()), ("name".into(), ts_name::<String>())],
        ret: ts_name::<Option<String>>(),
    });
    all
}

/// Asks for files to import (a file dialog). With `DRAFTWATCH_PICK_FILES` set
/// (paths separated by newlines), returns those without asking: scripted runs
/// and the end-to-end tests use it.
#[tauri::command]
pub async fn pick_import_files<R: tauri::Runtime>(app: tauri::AppHandle<R>) -> Result<Vec<String>, IpcError> {
    tauri::async_runtime::spawn_blocking(move || crate::dialogs::pick_files(&app)).await.map_err(internal)
}

/// Exports a position as `docx`, `pdf`, `md` or `html` to a file the user
/// picks in a save dialog; returns the path written, or null when cancelled.
#[tauri::command]
pub async fn save_position<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: tauri::State<'_, AppState>,
    id: i64,
    format: String,
    name: String,
) -> Result<Option<String>, IpcError> {
    let bytes = run(&state, {
        let format = format.clone();
        move |ws| ws.position_export(id, &format)
    })
    .await?;
    tauri::async_runtime::spawn_blocking(move || crate::dialogs::save_bytes(&app, &name, &format, &bytes)).await.map_err(internal)?
}

/// Used by [`crate::dialogs`] for a file the app could not write.
pub(crate) fn io_error(what: String, e: std::io::Error) -> IpcError {
    IpcError { code: "io".into(), message: format!("{what}: {e}") }
}
