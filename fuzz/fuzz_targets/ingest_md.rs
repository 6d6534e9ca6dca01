#![no_main]
//! `ingest::read(data, Format::Md)`, then the structure grammar on the blocks.

use draftwatch_core::ingest::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    draftwatch_fuzz::import(data, Format::Md);
});
