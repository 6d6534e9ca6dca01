//! # draftwatch-core
//!
//! Every domain rule of Draftwatch, with no Tauri and no UI. The data's journey,
//! one module per stage:
//!
//! - [`ingest`]: a file's bytes → ordered blocks (or a ready tree for Akoma Ntoso / USLM);
//! - [`text`]: normalisation of English and Khmer text;
//! - [`structure`]: blocks → the provision tree (parts, chapters, articles, paragraphs, points);
//! - [`annotate`]: rights-impact annotations, their anchoring and carry-forward to new versions;
//! - [`positions`]: organisations and joint positions;
//! - [`export`]: joint positions, scorecards and annotations in open formats;
//! - [`store`]: SQLite, the source of truth;
//! - [`search`]: the tantivy index over every clause of every version, Khmer and English;
//! - [`workspace`]: the one facade the CLI and the app call.
#![deny(missing_docs)]

pub mod align;
pub mod annotate;
pub mod diff;
pub mod export;
pub mod ingest;
pub mod positions;
pub mod search;
pub mod store;
pub mod structure;
pub mod text;
pub mod workspace;

pub use workspace::{Error, ImportOptions, Workspace};
