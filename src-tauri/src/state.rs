//! The app's shared state: the open workspace.

use draftwatch_core::Workspace;
use std::sync::{Arc, Mutex};

/// Shared state: the open workspace. One connection and one search-index
/// writer serve the window; commands take turns on the blocking pool.
pub struct AppState {
    /// The workspace.
    pub workspace: Arc<Mutex<Workspace>>,
}

impl AppState {
    /// Wraps an open workspace.
    pub fn new(ws: Workspace) -> AppState {
        AppState { workspace: Arc::new(Mutex::new(ws)) }
    }
}
