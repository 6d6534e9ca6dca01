//! Shared helpers for the integration tests.

use draftwatch_core::structure::{walk_all, Kind, Node};
use draftwatch_core::workspace::{ImportOptions, Workspace};
use std::path::{Path, PathBuf};

/// `../shared/corpus/<rel>`.
pub fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus").join(rel)
}

/// `tests/fixtures/<rel>`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures").join(rel)
}

/// A fresh workspace without the sample bills.
pub fn empty_workspace() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = Workspace::open_with(dir.path(), false).expect("open workspace");
    (dir, ws)
}

/// Import options for a bill slug.
pub fn opts(bill: &str) -> ImportOptions {
    ImportOptions { bill: bill.to_string(), ..ImportOptions::default() }
}

/// Imports a file into a fresh workspace and returns the tree.
pub fn import_tree(path: &Path) -> Vec<Node> {
    let (_dir, mut ws) = empty_workspace();
    ws.import_file(path, &opts("t")).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    ws.tree("t", "latest").expect("tree")
}

/// Nodes of one kind, in order.
pub fn of_kind(tree: &[Node], kind: Kind) -> Vec<&Node> {
    walk_all(tree).into_iter().filter(|n| n.kind == kind).collect()
}

/// What a workspace holds: (bills, versions, provisions, source files).
pub fn snapshot(ws: &Workspace) -> (i64, i64, i64, Vec<String>) {
    let count = |t: &str| ws.conn().query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0)).expect("count");
    let mut files: Vec<String> = std::fs::read_dir(ws.root().join("sources"))
        .expect("sources")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    (count("bills"), count("versions"), count("provisions"), files)
}
