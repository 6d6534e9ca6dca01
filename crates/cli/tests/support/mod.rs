//! Helpers shared by the CLI's tests: running the `draftwatch` binary on a
//! workspace, and the sample drafts.

#![allow(dead_code)] // each test file uses some of them

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `draftwatch --workspace WS ARGS...`.
pub fn run(ws: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_draftwatch")).arg("--workspace").arg(ws).args(args).output().expect("run draftwatch")
}

/// Runs `draftwatch --workspace WS ARGS...`: (success, stdout, stderr).
pub fn draftwatch(ws: &Path, args: &[&str]) -> (bool, String, String) {
    let out = run(ws, args);
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// `drafts/<rel>`: the sample bills.
pub fn draft(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../drafts").join(rel)
}
