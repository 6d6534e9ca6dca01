//! Search benchmark: Draftwatch's tantivy index against SQLite FTS5 (the
//! `unicode61` and `trigram` tokenizers), on the same corpus and the same
//! queries, in one run.
//!
//! ```sh
//! cargo bench -p draftwatch-core --bench search            # Markdown on stdout
//! ```
//!
//! Corpus: every version of every bill under `../shared/corpus` that
//! Draftwatch imports (Bundestag histories, the Khmer Constitution, the EU AI
//! Act's three texts, UK Akoma Ntoso bills, US USLM bills and bill versions,
//! LegalDocML.de), plus the sample bills of `drafts/`. One document per clause
//! per version, the same text for every engine.
//!
//! Queries (fixed, derived deterministically from the corpus): single terms
//! across the frequency range, two-word phrases, terms filtered by bill, and
//! the Khmer words of `bench/search/khmer-queries.tsv`, whose ground truth
//! (a rule independent of any segmenter) gives precision and recall.
//!
//! Set `SEARCH_BENCH_CORPUS` to use another corpus folder,
//! `SEARCH_BENCH_ROUNDS=N` for the timed rounds (5), and
//! `SEARCH_BENCH_REPEAT=N` to run Draftwatch's query set N more times (for a
//! profiler).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use draftwatch_core::search::Request;
use draftwatch_core::structure::walk_all;
use draftwatch_core::text;
use draftwatch_core::workspace::{ImportOptions, Workspace};
use rusqlite::Connection;

/// One clause of one version.
struct Doc {
    bill: String,
    seq: i64,
    eid: String,
    lang: String,
    text: String,
}

/// A benchmark query, in each engine's syntax.
struct Query {
    kind: &'static str,
    tantivy: String,
    fts: String,
    /// Khmer query word (for precision and recall).
    khmer: Option<(String, Vec<String>)>,
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let corpus = std::env::var_os("SEARCH_BENCH_CORPUS").map(PathBuf::from).unwrap_or_else(|| root.join("../shared/corpus"));
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut ws = Workspace::open(&tmp.path().join("ws")).expect("workspace");

    eprintln!("importing the corpus from {} ...", corpus.display());
    let t = Instant::now();
    let (imported, refused) = import_corpus(&mut ws, &corpus);
    eprintln!("imported {imported} versions ({refused} files refused) in {:.1} s", t.elapsed().as_secs_f64());
    let docs = documents(&ws);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();

    // Draftwatch: build the index from SQLite.
    let t = Instant::now();
    let n = ws.rebuild_index(&mut |_| {}).expect("index");
    let tantivy_build = t.elapsed().as_secs_f64();
    let tantivy_size = dir_size(&tmp.path().join("ws/index"));
    assert_eq!(n as usize, docs.len());

    // FTS5, both tokenizers, from the same documents.
    let mut fts = Vec::new();
    for tokenizer in ["unicode61", "trigram"] {
        let path = tmp.path().join(format!("fts-{tokenizer}.db"));
        let t = Instant::now();
        let conn = build_fts(&path, tokenizer, &docs);
        fts.push((tokenizer, conn, t.elapsed().as_secs_f64(), std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0)));
    }

    let queries = queries(&docs, &root.join("bench/search/khmer-queries.tsv"));
    let count = |k: &str| queries.iter().filter(|q| q.kind == k).count();
    eprintln!("{} queries", queries.len());

    // Latency: every query once to warm up on every engine; then ROUNDS
    // rounds in which each query runs on each engine in turn (so a noisy
    // moment of this shared machine hits all engines alike); a query's
    // latency on an engine is the median of its rounds.
    let index = ws.index_with(&mut |_| {}).expect("index");
    let run_tantivy = |q: &Query, limit: usize| {
        index.search(&Request { query: q.tantivy.clone(), limit, ..Request::default() }).unwrap_or_else(|e| panic!("{}: {e}", q.tantivy))
    };
    for q in &queries {
        run_tantivy(q, 20);
        for (_, conn, _, _) in &fts {
            fts_search(conn, &q.fts, 20);
        }
    }
    let rounds: usize = std::env::var("SEARCH_BENCH_ROUNDS").ok().and_then(|n| n.parse().ok()).unwrap_or(5).max(1);
    let mut samples: Vec<Vec<Vec<f64>>> = vec![vec![Vec::with_capacity(rounds); queries.len()]; 1 + fts.len()];
    for _ in 0..rounds {
        for (i, q) in queries.iter().enumerate() {
            let t = Instant::now();
            run_tantivy(q, 20);
            samples[0][i].push(t.elapsed().as_secs_f64() * 1000.0);
            for (e, (_, conn, _, _)) in fts.iter().enumerate() {
                let t = Instant::now();
                fts_search(conn, &q.fts, 20);
                samples[1 + e][i].push(t.elapsed().as_secs_f64() * 1000.0);
            }
        }
    }
    let mut medians: Vec<Vec<f64>> = samples.into_iter().map(|per_query| per_query.iter().map(|v| pct(v, 50.0)).collect()).collect();
    let lat_fts: Vec<Vec<f64>> = medians.split_off(1);
    let lat_tantivy = medians.pop().expect("draftwatch");

    // For a profiler: `SEARCH_BENCH_REPEAT=N` runs the query set N more times.
    let repeat: usize = std::env::var("SEARCH_BENCH_REPEAT").ok().and_then(|n| n.parse().ok()).unwrap_or(0);
    for _ in 0..repeat {
        for q in &queries {
            run_tantivy(q, 20);
        }
    }

    // Khmer precision and recall against the ground-truth rule.
    let khmer_docs: Vec<(usize, String)> =
        docs.iter().enumerate().filter(|(_, d)| d.lang == "km").map(|(i, d)| (i, text::fold(&d.text))).collect();
    let key_of: HashMap<(String, i64, String), usize> =
        docs.iter().enumerate().map(|(i, d)| ((d.bill.clone(), d.seq, d.eid.clone()), i)).collect();
    let mut pr: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new(); // (relevant, retrieved, both)
    let mut per_query = Vec::new();
    for q in queries.iter().filter(|q| q.khmer.is_some()) {
        let (word, excluded) = q.khmer.as_ref().expect("khmer");
        let relevant: HashSet<usize> = khmer_docs.iter().filter(|(_, t)| is_relevant(t, word, excluded)).map(|(i, _)| *i).collect();
        let found: HashSet<usize> = run_tantivy(q, 100_000)
            .hits
            .iter()
            .filter_map(|h| key_of.get(&(h.bill.clone(), h.version, h.eid.clone())).copied())
            .filter(|i| docs[*i].lang == "km")
            .collect();
        let mut row = vec![(word.clone(), relevant.len())];
        let mut tally = |engine: &'static str, got: &HashSet<usize>| {
            let both = got.intersection(&relevant).count();
            let e = pr.entry(engine).or_default();
            e.0 += relevant.len();
            e.1 += got.len();
            e.2 += both;
            row.push((engine.to_string(), both * 1000 + got.len()));
        };
        tally("draftwatch (tantivy)", &found);
        for (name, conn, _, _) in &fts {
            let got: HashSet<usize> = fts_ids(conn, &q.fts).into_iter().map(|r| r as usize).filter(|i| docs[*i].lang == "km").collect();
            tally(if *name == "unicode61" { "FTS5 unicode61" } else { "FTS5 trigram" }, &got);
        }
        per_query.push(row);
    }

    // Report.
    println!("## Search benchmark\n");
    println!("Command: `cargo bench -p draftwatch-core --bench search` ({})\n", std::env::consts::ARCH);
    println!(
        "Corpus: {} clause documents ({:.1} MB of text) from {imported} versions ({} bills); {refused} corpus files refused by the importer.\n",
        docs.len(),
        bytes as f64 / 1e6,
        docs.iter().map(|d| &d.bill).collect::<HashSet<_>>().len()
    );
    println!(
        "Queries: {} ({} single terms, {} phrases, {} filtered by bill, {} Khmer); each run once to warm up, then {rounds} rounds of every query on every engine in turn, a query's latency being the median of its rounds; top 20 with total count, facets and snippets for Draftwatch, snippet() for FTS5.\n",
        queries.len(),
        count("term"),
        count("phrase"),
        count("filtered"),
        count("khmer"),
    );
    println!("| engine | index build (s) | index size (MB) | p50 (ms) | p95 (ms) | max (ms) | Khmer precision | Khmer recall |");
    println!("|---|---|---|---|---|---|---|---|");
    let row = |name: &str, build: f64, size: u64, lat: &[f64]| {
        let (p, r) = pr.get(name).map(|&(rel, got, both)| (ratio(both, got), ratio(both, rel))).unwrap_or((f64::NAN, f64::NAN));
        println!(
            "| {name} | {build:.2} | {:.1} | {:.2} | {:.2} | {:.2} | {:.1}% | {:.1}% |",
            size as f64 / 1e6,
            pct(lat, 50.0),
            pct(lat, 95.0),
            pct(lat, 100.0),
            p * 100.0,
            r * 100.0
        );
    };
    row("draftwatch (tantivy)", tantivy_build, tantivy_size, &lat_tantivy);
    for ((name, _, build, size), lat) in fts.iter().zip(&lat_fts) {
        row(if *name == "unicode61" { "FTS5 unicode61" } else { "FTS5 trigram" }, *build, *size, lat);
    }
    println!("\nBy query kind, p50 / p95 (ms):\n");
    println!("| kind | draftwatch | FTS5 unicode61 | FTS5 trigram |");
    println!("|---|---|---|---|");
    for kind in ["term", "phrase", "filtered", "khmer"] {
        let pick = |lat: &[f64]| -> Vec<f64> { queries.iter().zip(lat).filter(|(q, _)| q.kind == kind).map(|(_, l)| *l).collect() };
        let cell = |lat: &[f64]| {
            let v = pick(lat);
            format!("{:.2} / {:.2}", pct(&v, 50.0), pct(&v, 95.0))
        };
        println!("| {kind} | {} | {} | {} |", cell(&lat_tantivy), cell(&lat_fts[0]), cell(&lat_fts[1]));
    }
    println!("\nKhmer queries: relevant clauses, then found/retrieved per engine (draftwatch, unicode61, trigram):\n");
    println!("| query | relevant | draftwatch | unicode61 | trigram |");
    println!("|---|---|---|---|---|");
    for row in per_query {
        let cells: Vec<String> = row[1..].iter().map(|(_, v)| format!("{}/{}", v / 1000, v % 1000)).collect();
        println!("| {} | {} | {} |", row[0].0, row[0].1, cells.join(" | "));
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// The `p`th percentile (nearest rank).
fn pct(v: &[f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    let mut v = v.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    let rank = ((p / 100.0) * v.len() as f64).ceil().max(1.0) as usize;
    v[rank.min(v.len()) - 1]
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir).map(|rd| rd.flatten().filter_map(|e| e.metadata().ok()).map(|m| m.len()).sum()).unwrap_or(0)
}

/// Imports the corpus: one bill per folder of versions. Returns (versions imported, files refused).
fn import_corpus(ws: &mut Workspace, corpus: &Path) -> (usize, usize) {
    let mut bills: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    let mut add = |bill: &str, p: PathBuf| bills.entry(slug(bill)).or_default().push(p);
    let files = |dir: &Path, keep: &dyn Fn(&str) -> bool| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|rd| rd.flatten().map(|e| e.path()).filter(|p| p.is_file() && keep(&p.file_name().unwrap().to_string_lossy())).collect())
            .unwrap_or_default();
        v.sort();
        v
    };
    for law in ["bgb", "gg", "kredwg", "stgb"] {
        for f in files(&corpus.join("de-bundestag").join(law), &|n| n.ends_with(".md")) {
            add(&format!("de-{law}"), f);
        }
    }
    for f in files(&corpus.join("cambodia-constitution-km"), &|n| n.ends_with(".clean.md")) {
        add("kh-constitution", f);
    }
    for stage in ["commission-2021", "parliament-2023", "final-2024"] {
        if let Some(f) = join_ai_act(&corpus.join("eu-ai-act/history-md").join(stage)) {
            add("eu-ai-act", f);
        }
    }
    for f in files(&corpus.join("uk-akn"), &|n| n.ends_with(".xml")) {
        add(&format!("uk-{}", f.file_stem().unwrap().to_string_lossy()), f);
    }
    for congress in ["116", "117"] {
        let dir = corpus.join("us-billsim").join(congress).join("bills");
        let mut bills_dirs: Vec<PathBuf> = std::fs::read_dir(&dir).map(|rd| rd.flatten().map(|e| e.path()).collect()).unwrap_or_default();
        bills_dirs.sort();
        for b in bills_dirs {
            for f in files(&b, &|n| n.ends_with("-uslm.xml")) {
                add(&format!("us-{congress}-{}", b.file_name().unwrap().to_string_lossy()), f);
            }
        }
    }
    for sub in ["bill-version-samples-september-2024", "previous-bill-version-samples", "previous-sample-files"] {
        for f in files(&corpus.join("us-uslm").join(sub), &|n| n.to_lowercase().ends_with(".xml")) {
            add(&format!("us-{}", f.file_stem().unwrap().to_string_lossy()), f);
        }
    }
    let mut legaldoc = Vec::new();
    walk(&corpus.join("de-legaldocml"), &mut legaldoc);
    for f in legaldoc.into_iter().filter(|p| p.extension().is_some_and(|e| e == "xml")) {
        add(&format!("de-ldml-{}", f.file_stem().unwrap().to_string_lossy()), f);
    }

    let (mut ok, mut refused) = (0, 0);
    for (bill, versions) in bills {
        for f in versions {
            match ws.import_file(&f, &ImportOptions { bill: bill.clone(), ..ImportOptions::default() }) {
                Ok(_) => ok += 1,
                Err(e) => {
                    refused += 1;
                    eprintln!("  refused {}: {e}", f.display());
                }
            }
        }
    }
    (ok, refused)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn slug(s: &str) -> String {
    let mut out: String = s.to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    while out.contains("--") {
        out = out.replace("--", "-");
    }
    out.trim_matches('-').chars().take(60).collect()
}

/// The EU AI Act's per-article files of one stage, as one document.
fn join_ai_act(stage: &Path) -> Option<PathBuf> {
    let mut arts: Vec<(u32, PathBuf)> = std::fs::read_dir(stage.join("articles"))
        .ok()?
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            Some((name.strip_prefix("article-")?.strip_suffix(".md")?.parse().ok()?, e.path()))
        })
        .collect();
    arts.sort();
    let mut doc = String::from("REGULATION LAYING DOWN HARMONISED RULES ON ARTIFICIAL INTELLIGENCE\n\n");
    for (_, p) in arts {
        let t = std::fs::read_to_string(p).ok()?;
        doc.push_str(t.split("## Internal Cross-References").next().unwrap_or("").trim());
        doc.push_str("\n\n");
    }
    let out = std::env::temp_dir().join(format!("dw-bench-ai-act-{}-{}.md", stage.file_name()?.to_string_lossy(), std::process::id()));
    std::fs::write(&out, doc).ok()?;
    Some(out)
}

/// Every clause of every version, as the index has them.
fn documents(ws: &Workspace) -> Vec<Doc> {
    let mut out = Vec::new();
    for b in ws.bills().expect("bills") {
        for v in ws.versions(&b.slug).expect("versions") {
            let tree = ws.tree(&b.slug, &v.seq.to_string()).expect("tree");
            for n in walk_all(&tree).into_iter().filter(|n| n.kind.is_clause()) {
                out.push(Doc {
                    bill: b.slug.clone(),
                    seq: v.seq,
                    eid: n.eid.clone(),
                    lang: v.lang.clone(),
                    text: draftwatch_core::align::clause_text(n),
                });
            }
        }
    }
    out
}

fn build_fts(path: &Path, tokenizer: &str, docs: &[Doc]) -> Connection {
    let mut conn = Connection::open(path).expect("fts db");
    conn.execute_batch(&format!("CREATE VIRTUAL TABLE t USING fts5(bill, text, tokenize = '{tokenizer}');")).expect("fts5");
    let tx = conn.transaction().expect("tx");
    {
        let mut ins = tx.prepare("INSERT INTO t (rowid, bill, text) VALUES (?1, ?2, ?3)").expect("insert");
        for (i, d) in docs.iter().enumerate() {
            ins.execute(rusqlite::params![i as i64, d.bill, d.text]).expect("row");
        }
    }
    tx.commit().expect("commit");
    conn.execute_batch("INSERT INTO t(t) VALUES ('optimize');").expect("optimize");
    conn
}

/// Top `limit` with snippets, and the total: what a results page needs.
fn fts_search(conn: &Connection, q: &str, limit: usize) -> usize {
    let mut stmt = conn
        .prepare_cached("SELECT rowid, snippet(t, 1, '[', ']', '…', 24) FROM t WHERE t MATCH ?1 ORDER BY rank LIMIT ?2")
        .expect("prepare");
    let rows: Vec<(i64, String)> =
        stmt.query_map(rusqlite::params![q, limit as i64], |r| Ok((r.get(0)?, r.get(1)?))).expect("query").flatten().collect();
    let mut count = conn.prepare_cached("SELECT count(*) FROM t WHERE t MATCH ?1").expect("prepare");
    let total: i64 = count.query_row([q], |r| r.get(0)).unwrap_or(0);
    rows.len().max(total as usize)
}

fn fts_ids(conn: &Connection, q: &str) -> Vec<i64> {
    let mut stmt = conn.prepare_cached("SELECT rowid FROM t WHERE t MATCH ?1").expect("prepare");
    stmt.query_map([q], |r| r.get(0)).expect("query").flatten().collect()
}

/// The fixed query set (see the module docs).
fn queries(docs: &[Doc], khmer_file: &Path) -> Vec<Query> {
    let mut out = Vec::new();
    let latin: Vec<&Doc> = docs.iter().filter(|d| d.lang != "km").collect();
    let words_of = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphabetic()).filter(|w| w.len() >= 4 && w.is_ascii()).map(|w| w.to_lowercase()).collect()
    };
    // Document frequency of every word, and the first bill that has it.
    let mut df: HashMap<String, (usize, String)> = HashMap::new();
    for d in &latin {
        for w in words_of(&d.text).into_iter().collect::<HashSet<_>>() {
            df.entry(w).or_insert((0, d.bill.clone())).0 += 1;
        }
    }
    let mut by_df: Vec<(&String, &(usize, String))> = df.iter().collect();
    by_df.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    let top = by_df.len().min(5000);
    for i in 0..80 {
        let (w, _) = by_df[i * top / 80];
        out.push(Query { kind: "term", tantivy: w.clone(), fts: format!("\"{w}\""), khmer: None });
    }
    // Phrases: two consecutive words of a clause picked by a fixed sequence.
    let mut seed: u64 = 0x5eed;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n.max(1)
    };
    while out.iter().filter(|q| q.kind == "phrase").count() < 50 {
        let d = latin[next(latin.len())];
        let ws: Vec<&str> = d.text.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).collect();
        if ws.len() < 4 {
            continue;
        }
        let i = next(ws.len() - 1);
        let (a, b) = (ws[i], ws[i + 1]);
        if a.len() < 3 || b.len() < 3 || !a.chars().chain(b.chars()).all(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        let p = format!("{} {}", a.to_lowercase(), b.to_lowercase());
        out.push(Query { kind: "phrase", tantivy: format!("\"{p}\""), fts: format!("\"{p}\""), khmer: None });
    }
    // Filtered: a term within one bill that has it.
    for i in 0..40 {
        let (w, (_, bill)) = by_df[(i * top / 40 + 7).min(by_df.len() - 1)];
        out.push(Query {
            kind: "filtered",
            tantivy: format!("{w} bill:{bill}"),
            fts: format!("bill : \"{bill}\" AND text : \"{w}\""),
            khmer: None,
        });
    }
    let tsv = std::fs::read_to_string(khmer_file).expect("khmer queries");
    for line in tsv.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let word = text::fold(cols[0]);
        let excluded = cols.get(2).map(|x| x.split_whitespace().map(text::fold).collect()).unwrap_or_default();
        out.push(Query { kind: "khmer", tantivy: word.clone(), fts: format!("\"{word}\""), khmer: Some((word, excluded)) });
    }
    out
}

/// The ground-truth rule of `khmer-queries.tsv`.
fn is_relevant(text: &str, word: &str, excluded: &[String]) -> bool {
    let joins = |c: char| matches!(c, '\u{17B4}'..='\u{17D3}' | '\u{17DD}');
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        if before == Some('\u{17D2}') || after.is_some_and(joins) {
            return false;
        }
        !excluded.iter().any(|x| {
            x.match_indices(word).any(|(off, _)| at >= off && text.get(at - off..).is_some_and(|rest| rest.starts_with(x.as_str())))
        })
    })
}
