//! Integration tests of the core: one binary, one module per area.
//! Corpus tests read `../shared/corpus` (beside the repository, in CI too);
//! fixtures are the repository's `tests/fixtures`, shared with the CLI's tests.

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
