//! What every command shares: the error the UI receives (`{code, message}`)
//! and the way a command reaches the workspace (on the blocking pool).

use crate::state::AppState;
use draftwatch_core::{Error, Result, Workspace};
use serde::Serialize;

/// The error shape the UI receives.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct IpcError {
    /// Stable code the UI may branch on (`not_found`, `invalid`, `io`, ...).
    pub code: String,
    /// A sentence for the user.
    pub message: String,
}

impl From<Error> for IpcError {
    fn from(e: Error) -> Self {
        IpcError { code: e.code().into(), message: e.to_string() }
    }
}

impl IpcError {
    /// A task on the blocking pool that did not finish (it panicked or was cancelled).
    pub fn internal(e: impl std::fmt::Display) -> IpcError {
        IpcError { code: "internal".into(), message: format!("the task failed: {e}") }
    }
}

/// Runs `f` on the app's workspace, on the blocking pool.
pub async fn run<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&mut Workspace) -> Result<T> + Send + 'static,
) -> std::result::Result<T, IpcError> {
    let ws = state.workspace.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let mut ws = ws.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut ws)
    })
    .await
    .map_err(IpcError::internal)?
    .map_err(IpcError::from)
}
