//! IPC commands: one-line bodies over `draftwatch-core`, run on the blocking
//! pool, errors as `{code, message}`.

use crate::AppState;
use draftwatch_core::workspace::{BillInfo, VersionInfo};
use draftwatch_core::Workspace;
use serde::Serialize;
use std::path::PathBuf;

/// The error shape the UI receives.
#[derive(Debug, Serialize)]
pub struct IpcError {
    /// Stable code the UI may branch on.
    pub code: &'static str,
    /// A sentence for the user.
    pub message: String,
}

impl From<draftwatch_core::Error> for IpcError {
    fn from(e: draftwatch_core::Error) -> Self {
        IpcError { code: e.code(), message: e.to_string() }
    }
}

/// Runs `f` on a workspace opened in `dir`, on the blocking pool.
async fn with_workspace<T: Send + 'static>(
    dir: PathBuf,
    f: impl FnOnce(&mut Workspace) -> draftwatch_core::workspace::Result<T> + Send + 'static,
) -> Result<T, IpcError> {
    tauri::async_runtime::spawn_blocking(move || {
        let mut ws = Workspace::open(&dir)?;
        f(&mut ws)
    })
    .await
    .map_err(|e| IpcError { code: "internal", message: format!("the task failed: {e}") })?
    .map_err(IpcError::from)
}

/// Every bill in the workspace.
#[tauri::command]
pub async fn list_bills(state: tauri::State<'_, AppState>) -> Result<Vec<BillInfo>, IpcError> {
    with_workspace(state.dir.clone(), |ws| ws.bills()).await
}

/// The versions of one bill.
#[tauri::command]
pub async fn list_versions(state: tauri::State<'_, AppState>, bill: String) -> Result<Vec<VersionInfo>, IpcError> {
    with_workspace(state.dir.clone(), move |ws| ws.versions(&bill)).await
}
