#![no_main]
//! `ingest::detect(data, None)` and `ingest::read(data, Format::Txt)`, then the
//! structure grammar on the blocks.

use draftwatch_core::ingest::{self, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    draftwatch_fuzz::run(|| {
        let _ = ingest::detect(data, None);
    });
    draftwatch_fuzz::import(data, Format::Txt);
});
