//! Shared helpers for the integration tests.

use draftwatch_core::structure::{walk_all, Kind, Node};
use draftwatch_core::workspace::{ImportOptions, Workspace};
use std::path::{Path, PathBuf};

/// `../shared/corpus/<rel>`.
pub fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus").join(rel)
}

/// `drafts/<rel>`: the sample bills.
pub fn draft(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../drafts").join(rel)
}

/// The Python that `scripts/setup.sh` installs modules for (Debian's, not a
/// pyenv or virtualenv one earlier on the PATH).
pub fn python3() -> &'static str {
    if Path::new("/usr/bin/python3").exists() {
        "/usr/bin/python3"
    } else {
        "python3"
    }
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

/// Joins the per-article files of one EU AI Act text into one document.
pub fn ai_act(version: &str) -> std::path::PathBuf {
    let dir = corpus(&format!("eu-ai-act/history-md/{version}/articles"));
    let mut files: Vec<(u32, std::path::PathBuf)> = std::fs::read_dir(&dir)
        .expect("articles")
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let n = name.strip_prefix("article-")?.strip_suffix(".md")?.parse().ok()?;
            Some((n, e.path()))
        })
        .collect();
    files.sort();
    let mut doc = String::from("REGULATION LAYING DOWN HARMONISED RULES ON ARTIFICIAL INTELLIGENCE\n\n");
    for (_, path) in files {
        let text = std::fs::read_to_string(path).expect("article");
        let body = text.split("## Internal Cross-References").next().unwrap_or("");
        doc.push_str(body.trim());
        doc.push_str("\n\n");
    }
    let out = std::env::temp_dir().join(format!("dw-ai-act-{version}-{}.md", std::process::id()));
    std::fs::write(&out, doc).expect("write");
    out
}
