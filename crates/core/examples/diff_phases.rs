//! Where the time of `draftwatch diff --files A B` goes, phase by phase, each
//! on one thread (the CLI runs some of them on every core):
//!
//! `cargo run --release -p draftwatch-core --example diff_phases -- OLD.md NEW.md [ROUNDS]`
//!
//! Prints the fastest of ROUNDS (default 9) runs of each phase, in ms: on a
//! shared machine the minimum is the figure least moved by other work.

use draftwatch_core::{align, diff, ingest, structure};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(old), Some(new)) = (args.first(), args.get(1)) else {
        eprintln!("usage: diff_phases OLD NEW [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(9);
    let bytes = [std::fs::read(old).expect("read OLD"), std::fs::read(new).expect("read NEW")];
    let names = ["ingest", "parse", "clauses", "align", "word diffs", "compare (all cores)"];
    let mut best = [f64::MAX; 6];
    for _ in 0..rounds {
        let mut lap = {
            let mut t = Instant::now();
            move |k: usize, best: &mut [f64; 6]| {
                best[k] = best[k].min(t.elapsed().as_secs_f64() * 1e3);
                t = Instant::now();
            }
        };
        let read = |b: &[u8], name: &str| {
            let format = ingest::detect(b, Some(name)).expect("a known format");
            ingest::read(b, format).expect("readable")
        };
        let ingested = [read(&bytes[0], old), read(&bytes[1], new)];
        lap(0, &mut best);
        let trees: Vec<_> = ingested
            .iter()
            .map(|i| match &i.content {
                ingest::Content::Blocks(b) => structure::parse(b),
                ingest::Content::Tree(t) => t.clone(),
            })
            .collect();
        lap(1, &mut best);
        let (a, b) = (align::clauses(&trees[0]), align::clauses(&trees[1]));
        lap(2, &mut best);
        let links = align::align(&a, &b);
        lap(3, &mut best);
        for l in
            links.iter().filter(|l| matches!(l.kind, align::ChangeKind::Modified | align::ChangeKind::Split | align::ChangeKind::Merged))
        {
            let text = |c: &[align::Clause], idx: &[usize]| idx.iter().map(|&i| c[i].text.as_str()).collect::<Vec<_>>().join("\n\n");
            std::hint::black_box(diff::diff_texts(&text(&a, &l.old), &text(&b, &l.new)));
        }
        lap(4, &mut best);
        let version = |seq, label: &str| diff::report::VersionRef { seq, label: label.into(), date: None };
        std::hint::black_box(diff::compare("bench", version(1, old), version(2, new), &trees[0], &trees[1]));
        lap(5, &mut best);
    }
    println!("fastest of {rounds} rounds, ms:");
    for (name, ms) in names.iter().zip(best) {
        println!("  {name:<20} {ms:8.1}");
    }
}
