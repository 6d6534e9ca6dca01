//! The native file dialogs, opened from Rust so that the window needs no
//! dialog or file-system permission of its own, and the two commands that open
//! them (declared in [`crate::commands`]).
//!
//! Scripted runs (the end-to-end tests) cannot click in a native dialog: with
//! `DRAFTWATCH_PICK_FILES` (paths, one per line) the open dialog returns those
//! paths, and with `DRAFTWATCH_SAVE_DIR` a save goes to that folder under the
//! suggested name. Both are read only when set.

use crate::ipc::{run, IpcError};
use crate::state::AppState;
use draftwatch_core::Error;
use std::path::PathBuf;
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

/// The formats the importer reads, for the open dialog's filter.
const IMPORTABLE: &[&str] = &["txt", "md", "markdown", "docx", "html", "htm", "pdf", "xml", "akn"];

/// The `pick_import_files` command: files to import, from a dialog on the
/// blocking pool (or `DRAFTWATCH_PICK_FILES`).
pub async fn pick_import_files<R: Runtime>(app: AppHandle<R>) -> Result<Vec<String>, IpcError> {
    tauri::async_runtime::spawn_blocking(move || pick_files(&app)).await.map_err(IpcError::internal)
}

/// The `save_position` command: exports position `id` as `format` (`docx`,
/// `pdf`, `md` or `html`) to a file the user picks, suggesting `name`; the path
/// written, or None when cancelled.
pub async fn save_position<R: Runtime>(
    app: AppHandle<R>,
    state: &AppState,
    id: i64,
    format: String,
    name: String,
) -> Result<Option<String>, IpcError> {
    let bytes = run(state, {
        let format = format.clone();
        move |ws| ws.position_export(id, &format)
    })
    .await?;
    tauri::async_runtime::spawn_blocking(move || save_bytes(&app, &name, &format, &bytes)).await.map_err(IpcError::internal)?
}

/// Asks for files to import; empty when cancelled.
pub fn pick_files<R: Runtime>(app: &AppHandle<R>) -> Vec<String> {
    if let Some(list) = std::env::var_os("DRAFTWATCH_PICK_FILES").filter(|l| !l.is_empty()) {
        return list.to_string_lossy().lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect();
    }
    app.dialog()
        .file()
        .set_title("Import drafts")
        .add_filter("Drafts (txt, md, docx, html, pdf, Akoma Ntoso)", IMPORTABLE)
        .blocking_pick_files()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|f| f.into_path().ok())
        .map(|p| p.to_string_lossy().into_owned())
        .collect()
}

/// Asks where to save `bytes` (suggesting `name`) and writes them there;
/// returns the path, or None when cancelled.
pub fn save_bytes<R: Runtime>(app: &AppHandle<R>, name: &str, ext: &str, bytes: &[u8]) -> Result<Option<String>, IpcError> {
    let file_name = format!("{}.{ext}", sanitize(name));
    let path: Option<PathBuf> = match std::env::var_os("DRAFTWATCH_SAVE_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => Some(PathBuf::from(dir).join(&file_name)),
        None => app
            .dialog()
            .file()
            .set_title("Export")
            .set_file_name(&file_name)
            .add_filter(ext.to_uppercase(), &[ext])
            .blocking_save_file()
            .and_then(|f| f.into_path().ok()),
    };
    let Some(path) = path else { return Ok(None) };
    // Written beside the target and renamed, so a failed write never leaves half a file.
    let tmp = path.with_extension(format!("{ext}.part"));
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, &path))
        .map_err(|source| Error::Io { what: format!("cannot write {}", path.display()), source })?;
    Ok(Some(path.to_string_lossy().into_owned()))
}

/// A file name from a title: no path separators or control characters.
fn sanitize(name: &str) -> String {
    let cleaned: String = name.chars().map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '-' } else { c }).collect();
    let trimmed = cleaned.trim().trim_matches('.');
    if trimmed.is_empty() {
        "position".into()
    } else {
        trimmed.chars().take(120).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn file_names_keep_khmer_and_lose_separators() {
        assert_eq!(sanitize("Joint statement: LANGO / A2I"), "Joint statement- LANGO - A2I");
        assert_eq!(sanitize("សេចក្តីថ្លែងការណ៍"), "សេចក្តីថ្លែងការណ៍");
        assert_eq!(sanitize("../.."), "-");
        assert_eq!(sanitize("  "), "position");
    }
}
