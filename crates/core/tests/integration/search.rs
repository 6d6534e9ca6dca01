//! Search: Khmer words inside unspaced text, English phrases, stems,
//! booleans, prefixes and filters, facets, and the index lifecycle (rebuild
//! equals incremental; a deleted or corrupt index folder is rebuilt).

use crate::util::{corpus, empty_workspace, opts};
use draftwatch_core::search::Results;
use draftwatch_core::structure::walk_all;
use draftwatch_core::workspace::{SearchOptions, Workspace};
use std::collections::{BTreeMap, BTreeSet};

const CONSTITUTION: &str = "cambodia-constitution-km/constitution-km-2015-consolidated.clean.md";

fn all() -> SearchOptions {
    SearchOptions { limit: Some(10_000), ..SearchOptions::default() }
}

fn search(ws: &mut Workspace, q: &str, o: &SearchOptions) -> Results {
    ws.search(q, o).unwrap_or_else(|e| panic!("{q}: {e}"))
}

/// A hit's (bill, version, eid).
type Key = (String, i64, String);

/// (bill, version, eid) of every hit, sorted.
fn keys(r: &Results) -> BTreeSet<Key> {
    r.hits.iter().map(|h| (h.bill.clone(), h.version, h.eid.clone())).collect()
}

fn seeded() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = Workspace::open(dir.path()).expect("open");
    (dir, ws)
}

fn constitution() -> (tempfile::TempDir, Workspace) {
    let (dir, mut ws) = empty_workspace();
    ws.import_file(&corpus(CONSTITUTION), &opts("kh")).expect("import");
    (dir, ws)
}

/// Every clause text of every version, for ground truth by scanning.
fn clause_texts(ws: &Workspace) -> Vec<(String, i64, String, String)> {
    let mut out = Vec::new();
    for b in ws.bills().unwrap() {
        for v in ws.versions(&b.slug).unwrap() {
            let tree = ws.tree(&b.slug, &v.seq.to_string()).unwrap();
            for n in walk_all(&tree).into_iter().filter(|n| n.kind.is_clause()) {
                out.push((b.slug.clone(), v.seq, n.eid.clone(), draftwatch_core::align::clause_text(n)));
            }
        }
    }
    out
}

#[test]
fn khmer_word_inside_an_unspaced_sentence_is_found() {
    let (_d, mut ws) = constitution();
    let art31 = draftwatch_core::align::clause_text(&ws.clause("kh", "1", "31").unwrap());
    // "... recognises and respects human rights", no space between the words.
    assert!(art31.contains("ទទួលស្គាល់និងគោរពសិទ្ធិមនុស្ស"), "{art31}");
    let hits = search(&mut ws, "គោរព", &all());
    assert!(hits.hits.iter().any(|h| h.num.as_deref() == Some("៣១")), "{:?}", keys(&hits));
    // Every hit contains the word, and the match is marked in the snippet.
    for h in &hits.hits {
        let marked: Vec<String> = h.marks.iter().map(|m| h.snippet.chars().skip(m[0]).take(m[1] - m[0]).collect()).collect();
        assert!(marked.iter().any(|m| m == "គោរព"), "{} {:?} in {}", h.eid, marked, h.snippet);
    }
    // A word that only exists inside a compound of ICU's dictionary
    // (សិទ្ធិមនុស្ស, "human rights") is found there too.
    let rights = search(&mut ws, "សិទ្ធិ", &SearchOptions { limit: Some(1000), ..all() });
    assert!(rights.hits.iter().any(|h| h.num.as_deref() == Some("៣១")));
}

#[test]
fn a_khmer_string_across_a_word_boundary_is_not_a_word() {
    let (_d, mut ws) = constitution();
    let art31 = draftwatch_core::align::clause_text(&ws.clause("kh", "1", "31").unwrap());
    // The end of ព្រះរាជាណាចក្រ ("kingdom") and the start of កម្ពុជា, and the
    // end of សិទ្ធិ with the start of មនុស្ស: both are in the text.
    for s in ["ជាណាចក្រកម្ពុ", "ធិមនុ"] {
        assert!(art31.contains(s), "{s} not in {art31}");
        let r = search(&mut ws, s, &all());
        assert_eq!(r.total, 0, "{s} found as a word: {:?}", keys(&r));
    }
}

#[test]
fn khmer_query_in_another_code_point_order_finds_the_same_clauses() {
    let (_d, mut ws) = constitution();
    // ច្បាប់ ("law"), typed with the vowel AA before the subscript BA; and
    // ស្ត្រី ("woman") typed with the subscript RO first. Both as in the text.
    for (canonical, typed, at_least) in [
        ("\u{1785}\u{17D2}\u{1794}\u{17B6}\u{1794}\u{17CB}", "\u{1785}\u{17B6}\u{17D2}\u{1794}\u{1794}\u{17CB}", 40),
        ("\u{179F}\u{17D2}\u{178F}\u{17D2}\u{179A}\u{17B8}", "\u{179F}\u{17D2}\u{179A}\u{17D2}\u{178F}\u{17B8}", 1),
    ] {
        assert_ne!(canonical, typed);
        let a = search(&mut ws, canonical, &all());
        let b = search(&mut ws, typed, &all());
        assert!(a.total >= at_least, "{canonical}: {}", a.total);
        assert_eq!(keys(&a), keys(&b));
    }
    // Khmer digits and ASCII digits name the same article.
    let a = search(&mut ws, "num:៣១", &all());
    let b = search(&mut ws, "num:31", &all());
    assert_eq!(a.total, 1);
    assert_eq!(keys(&a), keys(&b));
}

#[test]
fn english_phrases_stems_booleans_prefixes() {
    let (_d, mut ws) = seeded();
    let texts = clause_texts(&ws);
    let with = |pred: &dyn Fn(&str) -> bool| -> BTreeSet<Key> {
        texts.iter().filter(|t| pred(&t.3.to_lowercase())).map(|t| (t.0.clone(), t.1, t.2.clone())).collect()
    };

    // A phrase: exactly the clauses with those words in that order.
    let phrase = search(&mut ws, "\"prior permission\"", &all());
    assert_eq!(keys(&phrase), with(&|t| t.contains("prior permission")));
    assert!(!phrase.hits.is_empty());

    // Stemming: `registering` (in no clause) finds register, registers, registered.
    let words = |t: &str| -> Vec<String> { t.split(|c: char| !c.is_alphanumeric()).map(str::to_string).collect() };
    let stemmed = keys(&search(&mut ws, "registering", &all()));
    let forms = ["register", "registers", "registered", "registering"];
    assert_eq!(stemmed, with(&|t| words(t).iter().any(|w| forms.contains(&w.as_str()))));
    assert!(with(&|t| t.contains("registering")).is_empty());
    // Quoted, the word is exact: no stem-only matches.
    let exact = keys(&search(&mut ws, "\"registered\"", &all()));
    assert!(exact.iter().all(|k| with(&|t| t.contains("registered")).contains(k)));
    assert!(exact.len() < stemmed.len());

    // Booleans.
    let ministry = keys(&search(&mut ws, "ministry", &all()));
    let without = keys(&search(&mut ws, "ministry AND NOT registration", &all()));
    let both = keys(&search(&mut ws, "ministry registration", &all()));
    assert!(!without.is_empty() && !both.is_empty());
    assert_eq!(without.union(&both).cloned().collect::<BTreeSet<_>>(), ministry);
    assert!(without.is_disjoint(&both));
    assert_eq!(both, with(&|t| t.contains("ministry") && t.contains("registration")));
    let appeal = keys(&search(&mut ws, "appeal", &all()));
    let either = keys(&search(&mut ws, "ministry OR appeal", &all()));
    assert_eq!(either, ministry.union(&appeal).cloned().collect());

    // Prefix: every word starting with `regist`, matches marked.
    let prefix = search(&mut ws, "regist*", &all());
    assert_eq!(keys(&prefix), with(&|t| words(t).iter().any(|w| w.starts_with("regist"))));
    assert!(prefix.hits.iter().all(|h| !h.marks.is_empty()));
}

#[test]
fn filters_latest_and_groups() {
    let (_d, mut ws) = seeded();
    let bill = |b: &str| SearchOptions { bill: Some(b.into()), ..all() };
    let a2i = search(&mut ws, "information", &bill("a2i"));
    assert!(a2i.total > 0 && a2i.hits.iter().all(|h| h.bill == "a2i"));
    assert_eq!(keys(&a2i), keys(&search(&mut ws, "information bill:a2i", &all())));

    let v2 = search(&mut ws, "information", &SearchOptions { version: Some("2".into()), ..bill("a2i") });
    assert!(v2.total > 0 && v2.hits.iter().all(|h| h.bill == "a2i" && h.version == 2));
    assert_eq!(keys(&v2), keys(&search(&mut ws, "information bill:a2i version:2", &all())));
    let by_label = search(&mut ws, "information", &SearchOptions { version: Some("Draft 2".into()), ..bill("a2i") });
    assert_eq!(keys(&v2), keys(&by_label));
    let err = ws.search("information", &SearchOptions { version: Some("2".into()), ..all() }).unwrap_err();
    assert!(err.to_string().contains("--version needs --bill"), "{err}");
    assert_eq!(ws.search("x", &bill("nope")).unwrap_err().code(), "not_found");

    let latest = search(&mut ws, "shall", &SearchOptions { latest: true, ..all() });
    let newest: BTreeMap<String, i64> = ws.bills().unwrap().into_iter().map(|b| (b.slug, b.versions)).collect();
    assert!(latest.total > 0);
    assert!(latest.hits.iter().all(|h| newest[&h.bill] == h.version), "{:?}", keys(&latest));

    let num = search(&mut ws, "num:8 bill:a2i", &all());
    assert_eq!(num.total as i64, newest["a2i"]);
    assert!(num.hits.iter().all(|h| h.num.as_deref() == Some("8")));

    // Grouped: one group per lineage, each holding that clause's versions.
    let grouped = search(&mut ws, "\"information officer\"", &SearchOptions { group: true, ..all() });
    let groups = grouped.groups.as_ref().expect("groups");
    let lineages: Vec<_> = groups.iter().map(|g| g.lineage.clone()).collect();
    assert_eq!(lineages.iter().collect::<BTreeSet<_>>().len(), lineages.len());
    assert!(groups.iter().any(|g| g.hits.len() > 1));
    for g in groups {
        assert!(g.hits.iter().all(|h| h.lineage == g.lineage));
        assert!(g.hits.windows(2).all(|w| w[0].version > w[1].version));
    }
    assert_eq!(grouped.hits.len(), groups.len());
}

#[test]
fn facets_count_every_match() {
    let (_d, mut ws) = seeded();
    let r = search(&mut ws, "shall OR ត្រូវ", &all());
    assert_eq!(r.total, r.hits.len());
    let mut bills: BTreeMap<String, u64> = BTreeMap::new();
    let mut versions: BTreeMap<String, u64> = BTreeMap::new();
    for h in &r.hits {
        *bills.entry(h.bill.clone()).or_default() += 1;
        *versions.entry(format!("{}@{}", h.bill, h.version)).or_default() += 1;
    }
    assert_eq!(r.facets["bill"], bills);
    assert_eq!(r.facets["version"], versions);
    assert_eq!(r.facets["kind"]["clause"], r.total as u64);
    assert!(bills.contains_key("lango") && bills.contains_key("a2i"));
    // A limit cuts the hits, never the counts.
    let few = search(&mut ws, "shall OR ត្រូវ", &SearchOptions { limit: Some(3), ..all() });
    assert_eq!((few.hits.len(), few.total), (3, r.total));
    assert_eq!(few.facets, r.facets);
}

const QUERIES: [&str; 8] = ["information", "\"prior permission\"", "regist*", "ចុះបញ្ជី", "សមាគម", "appeal OR court", "num:8", "shall NOT may"];

/// Total, hits and facets (as JSON) of each of [`QUERIES`].
fn results(ws: &mut Workspace) -> Vec<(usize, BTreeSet<Key>, String)> {
    QUERIES
        .iter()
        .map(|q| {
            let r = search(ws, q, &all());
            (r.total, keys(&r), serde_json::to_string(&r.facets).unwrap())
        })
        .collect()
}

#[test]
fn incremental_indexing_equals_a_rebuild() {
    let (_d, mut ws) = seeded();
    let before = search(&mut ws, "information", &all()).total;
    // Imported after the index exists: indexed incrementally.
    let report = ws.import_file(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../drafts/a2i/v4.md")), &opts("copy"));
    assert!(report.is_err(), "the same file twice is refused");
    let extra = "# Law on Information\n\nArticle 1. Registration\nEvery register of requests shall be public information.\n\nArticle 2. Appeal\nA requester may appeal to the court.\n";
    let r = ws.import_bytes(extra.as_bytes(), "extra.md", &opts("extra")).unwrap();
    assert_eq!(r.index_note, None);
    let after = search(&mut ws, "information", &all());
    assert_eq!(after.total, before + 1);
    assert!(after.hits.iter().any(|h| h.bill == "extra"));
    let incremental = results(&mut ws);
    let docs = ws.rebuild_index(&mut |_| {}).unwrap();
    assert_eq!(docs as usize, clause_texts(&ws).len());
    assert_eq!(results(&mut ws), incremental);
}

#[test]
fn a_deleted_or_corrupt_index_is_rebuilt_on_open() {
    let (dir, mut ws) = seeded();
    let expected = results(&mut ws);
    drop(ws);
    let index = dir.path().join("index");
    for damage in ["delete", "corrupt-meta", "truncate-segment"] {
        match damage {
            "delete" => std::fs::remove_dir_all(&index).unwrap(),
            "corrupt-meta" => std::fs::write(index.join("meta.json"), b"{ not json").unwrap(),
            _ => {
                let seg = std::fs::read_dir(&index).unwrap().flatten().find(|e| e.path().extension().is_some_and(|x| x == "idx")).unwrap();
                std::fs::write(seg.path(), b"").unwrap();
            }
        }
        let mut ws = Workspace::open(dir.path()).unwrap();
        let mut seen = Vec::new();
        ws.index_with(&mut |p| seen.push((p.done, p.total))).unwrap();
        assert_eq!(seen.last(), Some(&(9, 9)), "{damage}: progress {seen:?}");
        assert_eq!(results(&mut ws), expected, "{damage}");
    }
    // An intact index is opened as it is: no progress, nothing rebuilt.
    let mut ws = Workspace::open(dir.path()).unwrap();
    let mut seen = 0;
    ws.index_with(&mut |_| seen += 1).unwrap();
    assert_eq!(seen, 0);
}

#[test]
fn query_errors_are_sentences() {
    let (_d, mut ws) = seeded();
    for (q, says) in [
        ("\"unclosed phrase", "cannot read the search query"),
        ("(information AND", "cannot read the search query"),
        ("colour:red", "there is no field \"colour\"; the fields are bill, version, num"),
        ("   ", "the query is empty"),
        ("NOT information", "only exclusions"),
    ] {
        let e = ws.search(q, &all()).expect_err(q);
        assert_eq!(e.code(), "invalid_query", "{q}: {e}");
        assert!(e.to_string().contains(says), "{q}: {e}");
    }
}
