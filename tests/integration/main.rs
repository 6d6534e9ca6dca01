//! Integration tests across crates: one binary, one module per area.
//! Corpus tests read `../shared/corpus` (beside the repository, in CI too).

mod alignment;
mod annotations;
mod bad_input;
mod bundles;
mod corpus;
mod diff;
mod formats;
mod khmer;
mod positions;
mod search;
mod util;
mod workspace;
