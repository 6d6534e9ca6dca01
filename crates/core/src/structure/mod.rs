//! Structure: ordered blocks → the provision tree of a version.

pub mod eid;
pub mod node;
pub mod number;

pub use node::{walk_all, Kind, Node};
