//! Parse throughput: bytes → blocks → normalised provision tree, on the largest
//! texts of `../shared/corpus`. Prints MB/s (median of several runs) and the
//! peak resident memory of one parse, measured in a child process so that each
//! figure is the case's own.
//!
//! `cargo bench -p draftwatch-core --bench parse`

use draftwatch_core::ingest::{self, Content, Format};
use draftwatch_core::structure;
use std::path::{Path, PathBuf};
use std::time::Instant;

const CASES: &[(&str, &str, Format)] = &[
    ("BGB 2022 (Markdown, German)", "de-bundestag/bgb/2022-02-13_79bdc90d.md", Format::Md),
    ("H.R. 2029 enrolled (USLM XML)", "us-uslm/previous-sample-files/114hr2029enr_good.xml", Format::Akn),
    ("Khmer Constitution (Markdown, Khmer)", "cambodia-constitution-km/constitution-km-2015-consolidated.clean.md", Format::Md),
];

fn corpus(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus").join(rel)
}

/// One import path without the database: read, structure, count clauses.
fn parse(bytes: &[u8], format: Format) -> usize {
    let ingested = ingest::read(bytes, format).expect("readable");
    let tree = match ingested.content {
        Content::Tree(t) => t,
        Content::Blocks(b) => structure::parse(&b),
    };
    structure::walk_all(&tree).iter().filter(|n| n.kind.is_clause()).count()
}

fn peak_rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status.lines().find_map(|l| l.strip_prefix("VmHWM:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok()).unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // Child mode: parse one case once and print the peak memory.
    if let Some(i) = args.iter().position(|a| a == "--child").and_then(|p| args.get(p + 1)).and_then(|c| c.parse::<usize>().ok()) {
        let (_, rel, format) = CASES[i];
        let bytes = std::fs::read(corpus(rel)).expect("corpus file");
        let before = peak_rss_kib();
        let clauses = parse(&bytes, format);
        println!("{} {} {}", before, peak_rss_kib(), clauses);
        return;
    }
    println!("{:<40} {:>8} {:>8} {:>10} {:>10} {:>12}", "case", "MB", "clauses", "median ms", "MB/s", "peak RSS MB");
    for (i, (name, rel, format)) in CASES.iter().enumerate() {
        let path = corpus(rel);
        let Ok(bytes) = std::fs::read(&path) else {
            println!("{name:<40} (missing: {})", path.display());
            continue;
        };
        let mb = bytes.len() as f64 / 1e6;
        let mut times = Vec::new();
        let mut clauses = 0;
        for _ in 0..7 {
            let t = Instant::now();
            clauses = parse(&bytes, *format);
            times.push(t.elapsed().as_secs_f64());
        }
        times.sort_by(|a, b| a.total_cmp(b));
        let median = times[times.len() / 2];
        let out = std::process::Command::new(&args[0]).args(["--child", &i.to_string()]).output().expect("child");
        let line = String::from_utf8_lossy(&out.stdout);
        let peak = line.split_whitespace().nth(1).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0) / 1024.0;
        println!("{name:<40} {mb:>8.2} {clauses:>8} {:>10.1} {:>10.1} {peak:>12.1}", median * 1e3, mb / median);
    }
}
