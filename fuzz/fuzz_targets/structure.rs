#![no_main]
//! The structure grammar on its own, with style hints the text importers never
//! produce. Input: one control byte, then UTF-8 text (decoded lossily) split
//! into blocks on blank lines.
//!
//! Control byte bits (`c`), combined with the block's index `i` so blocks differ:
//! - heading_level: when bit `(i % 4)` of `c` is set, `Some((1 + (c >> 4) + i) % 7)`
//!   (0..=6, so level 0 and deep levels are tried too);
//! - bold: bit `((i + 1) % 8)` of `c`;
//! - role: `(c >> 6) + i` mod 3 → Body / TableRow / Note, but only when bit 4 is set
//!   (otherwise Body);
//! - list_number: when bit 5 is set, the block's first word is also given as its
//!   automatic list number (as the DOCX importer does).
//!
//! Checks: parse does not panic; every node has a non-empty eId; eIds are unique.

use draftwatch_core::ingest::{Block, BlockRole};
use draftwatch_core::structure;
use libfuzzer_sys::fuzz_target;

fn blocks(data: &[u8]) -> Vec<Block> {
    let Some((&c, rest)) = data.split_first() else { return Vec::new() };
    let text = String::from_utf8_lossy(rest);
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    let lines = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    for line in lines.chain(std::iter::once("")) {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                let i = out.len();
                out.push(block(c, i, cur.join("\n")));
                cur.clear();
            }
        } else {
            cur.push(line);
        }
    }
    out
}

fn block(c: u8, i: usize, text: String) -> Block {
    let bit = |n: usize| c >> (n % 8) & 1 == 1;
    let heading_level = bit(i % 4).then(|| ((1 + (c >> 4) as usize + i) % 7) as u8);
    let bold = bit(i + 1);
    let role = if bit(4) {
        match ((c >> 6) as usize + i) % 3 {
            0 => BlockRole::Body,
            1 => BlockRole::TableRow,
            _ => BlockRole::Note,
        }
    } else {
        BlockRole::Body
    };
    let list_number = if bit(5) { text.split_whitespace().next().map(str::to_owned) } else { None };
    Block { text, heading_level, list_number, bold, role }
}

fuzz_target!(|data: &[u8]| {
    draftwatch_fuzz::run(|| {
        let blocks = blocks(data);
        let tree = structure::parse(&blocks);
        draftwatch_fuzz::check_tree(&tree);
    });
});
