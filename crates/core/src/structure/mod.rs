//! Structure: ordered blocks → the provision tree of a version.
//!
//! [`grammar`] recognises headings and list markers in a line of English, Khmer,
//! German or US drafting; [`parse`] builds the tree; [`eid`] gives each node its
//! Akoma Ntoso-style id; [`number`] reads printed numbers. Formats that carry
//! their own hierarchy (Akoma Ntoso, USLM) bypass the grammar (see
//! `crate::ingest::akn`).

mod block;
pub mod eid;
pub mod grammar;
pub mod node;
pub mod number;
mod parse;

pub use block::{Block, BlockRole};
pub use node::{walk_all, Kind, Node};
pub use parse::parse;
