//! # draftwatch-core
//!
//! Every domain rule of Draftwatch, with no Tauri and no UI. Modules, lowest
//! first (a module uses only those above it; `docs/ARCHITECTURE.md` has the map
//! and a draft's journey through them):
//!
//! - [`error`]: the crate's error with a stable code, and the layers' errors;
//! - [`text`]: normalisation of English and Khmer text, digits, dates;
//! - [`structure`]: blocks → the provision tree (parts, chapters, articles, paragraphs, points);
//! - [`ingest`]: a file's bytes → ordered blocks (or a ready tree for Akoma Ntoso / USLM);
//! - [`align`]: which clause of one version became which of the next;
//! - [`diff`]: word diffs, their classification, and the comparison report;
//! - [`store`]: SQLite, the source of truth: schema, clock, and the SQL of the document tables;
//! - [`annotate`]: rights-impact annotations, their anchoring and carry-forward to new versions;
//! - [`positions`]: joint positions, endorsements and the adoption scorecard;
//! - [`render`]: documents for people: comparisons and joint positions as text, HTML, DOCX, PDF;
//! - [`export`]: annotations, versions and bundles in open formats for other programs;
//! - [`search`]: the tantivy index over every clause of every version, Khmer and English;
//! - [`workspace`]: the one facade the CLI and the app call.
#![deny(missing_docs)]

pub mod align;
pub mod annotate;
pub mod diff;
pub mod error;
pub mod export;
mod hash;
pub mod ingest;
mod par;
pub mod positions;
pub mod render;
pub mod search;
pub mod store;
pub mod structure;
pub mod text;
pub mod workspace;

pub use error::{Error, Result};
pub use workspace::{ImportOptions, Workspace};

/// ts-rs takes its settings from `.cargo/config.toml`, which cargo reads only
/// when started inside the repository: without them it would write `bigint`s
/// into `crates/core/bindings`. This fails such a run of `export_bindings`.
#[cfg(all(test, feature = "ts"))]
#[test]
fn export_bindings_settings() {
    let dir = std::env::var("TS_RS_EXPORT_DIR").unwrap_or_default();
    assert!(
        (dir.ends_with("ui/src/lib/bindings") || dir.ends_with("target/ts-bindings"))
            && std::env::var("TS_RS_LARGE_INT").as_deref() == Ok("number"),
        "TS_RS_EXPORT_DIR / TS_RS_LARGE_INT are not set from .cargo/config.toml: run cargo from inside the repository"
    );
}
