//! Clause-level diffs: the real-corpus cases asserted exactly, the drafts'
//! comparisons as snapshots (JSON and text), and the alignment invariants as
//! properties.

use crate::util::{corpus, empty_workspace, opts};
use draftwatch_core::align;
use draftwatch_core::diff::report::{ChangeKind, OpKind};
use draftwatch_core::render::text::render_text;
use draftwatch_core::workspace::{diff_files, Workspace};
use proptest::prelude::*;

fn changed(report: &draftwatch_core::diff::report::DiffReport) -> Vec<(ChangeKind, Vec<String>, bool)> {
    report
        .changes
        .iter()
        .filter(|c| c.kind != ChangeKind::Unchanged)
        .map(|c| {
            (c.kind, c.to.iter().chain(&c.from).map(|r| r.num.clone().unwrap_or_else(|| r.eid.clone())).take(1).collect(), c.substantive)
        })
        .collect()
}

#[test]
fn grundgesetz_one_amendment_and_nothing_else() {
    let (r, _) =
        diff_files(&corpus("de-bundestag/gg/2012-08-02_8e9e7a10.md"), &corpus("de-bundestag/gg/2012-08-06_166018c1.md")).expect("diff");
    // Art. 93 gains point 4c; the cover's "last amended by" names the amending act.
    assert_eq!(
        changed(&r),
        vec![(ChangeKind::Modified, vec!["front_1".to_string()], false), (ChangeKind::Modified, vec!["93".to_string()], true)]
    );
    assert_eq!(r.summary.substantive, 1);
    let art93 = r.changes.iter().find(|c| c.to.first().is_some_and(|t| t.num.as_deref() == Some("93"))).expect("93");
    let inserted: Vec<&str> = art93.ops.iter().filter(|o| o.op == OpKind::Insert).map(|o| o.text.as_str()).collect();
    assert_eq!(
        inserted,
        vec!["4c. über Beschwerden von Vereinigungen gegen ihre Nichtanerkennung als Partei für die Wahl zum Bundestag;\n"]
    );
    assert!(art93.ops.iter().all(|o| o.op != OpKind::Delete));
}

#[test]
fn formatting_only_commits_have_no_substantive_change() {
    for (old, new) in [
        ("de-bundestag/stgb/2012-08-06_98efc656.md", "de-bundestag/stgb/2012-10-18_e3c6d7fe.md"),
        ("de-bundestag/bgb/2012-08-06_6e103c98.md", "de-bundestag/bgb/2012-10-02_6e359b8b.md"),
    ] {
        let (r, _) = diff_files(&corpus(old), &corpus(new)).expect("diff");
        assert_eq!(r.summary.substantive, 0, "{old} → {new}: {:?}", changed(&r));
        assert_eq!((r.summary.added, r.summary.deleted, r.summary.split, r.summary.merged), (0, 0, 0, 0));
    }
}

#[test]
fn us_senate_bill_tiny_change_in_a_large_bill() {
    let dir = "us-uslm/bill-version-samples-september-2024";
    let (r, _) = diff_files(&corpus(&format!("{dir}/S2731_RCS.XML")), &corpus(&format!("{dir}/S2731_IPS.XML"))).expect("diff");
    // Only the cover changes (reported → introduced; "indefinitely postponed"): all 97 sections unchanged.
    assert_eq!(r.summary.unchanged, 97);
    assert_eq!(changed(&r), vec![(ChangeKind::Modified, vec!["front_1".to_string()], false)]);
    let front = &r.changes.iter().find(|c| c.kind == ChangeKind::Modified).expect("front").ops;
    let inserted: Vec<&str> = front.iter().filter(|o| o.op == OpKind::Insert).map(|o| o.text.as_str()).collect();
    assert!(inserted.contains(&"Indefinitely postponed"), "{inserted:?}");
}

fn seeded() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = Workspace::open(dir.path()).expect("seeded");
    (dir, ws)
}

#[test]
fn drafts_diffs_snapshots() {
    let (_d, ws) = seeded();
    for (bill, pairs) in [("a2i", vec![(1, 2), (2, 3), (3, 4)]), ("lango", vec![(1, 2), (2, 3)]), ("lango-en", vec![(1, 2)])] {
        for (from, to) in pairs {
            let mut r = ws.diff(bill, &from.to_string(), &to.to_string()).expect("diff");
            insta::assert_snapshot!(format!("{bill}-{from}-{to}-text"), render_text(&r, false, true));
            r.changes.retain(|c| c.kind != ChangeKind::Unchanged || c.renumbered || c.moved);
            insta::assert_json_snapshot!(format!("{bill}-{from}-{to}-json"), r);
        }
    }
}

#[test]
fn operative_word_changes_are_flagged_in_both_languages() {
    let (_d, ws) = seeded();
    let en = ws.diff("a2i", "2", "3").expect("diff");
    let officers =
        en.changes.iter().find(|c| c.to.first().and_then(|t| t.heading.as_deref()) == Some("Information officers")).expect("Art. 9");
    assert!(officers.substantive && officers.flags.contains(&"operative-word".to_string()), "{officers:?}");
    let km = ws.diff("lango", "1", "2").expect("diff");
    assert!(km.changes.iter().any(
        |c| c.flags.contains(&"operative-word".to_string()) && c.ops.iter().any(|o| o.op == OpKind::Insert && o.text.contains("អនុញ្ញាត"))
    ));
}

#[test]
fn history_follows_a_clause_through_renumbering_split_and_merge() {
    let (_d, ws) = seeded();
    let h = ws.history("a2i", "1", "9").expect("history");
    let line: Vec<(i64, String, usize)> = h.iter().map(|s| (s.seq, s.change.clone(), s.clauses.len())).collect();
    assert_eq!(line, vec![(1, "added".into(), 1), (2, "split".into(), 2), (3, "unchanged".into(), 1), (4, "unchanged".into(), 1)]);
    let merged = ws.history("a2i", "2", "16").expect("history");
    assert_eq!(merged.last().map(|s| s.change.as_str()), Some("merged"));
    assert!(merged.last().is_some_and(|s| s.summary.starts_with("merged into clause 16")));
}

/// A random bill: `n` articles with distinct sentences built from a seed.
fn bill(words: &[usize], n: usize) -> Vec<String> {
    const W: [&str; 24] = [
        "association",
        "ministry",
        "register",
        "notify",
        "approval",
        "shall",
        "may",
        "within",
        "days",
        "member",
        "statute",
        "fund",
        "foreign",
        "report",
        "annual",
        "suspend",
        "court",
        "appeal",
        "public",
        "information",
        "officer",
        "request",
        "fee",
        "record",
    ];
    (0..n)
        .map(|i| {
            let body: Vec<&str> = (0..12).map(|k| W[(words[(i * 12 + k) % words.len()] + i * 7 + k) % W.len()]).collect();
            format!("Article {} - Heading {i}\n\nArticle text {i}: {}.", i + 1, body.join(" "))
        })
        .collect()
}

fn clauses_of(articles: &[String]) -> Vec<align::Clause> {
    let (_d, mut ws) = empty_workspace();
    ws.import_bytes(articles.join("\n\n").as_bytes(), "p.txt", &opts("p")).expect("import");
    align::clauses(&ws.tree("p", "1").expect("tree"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn identical_versions_give_only_unchanged(words in prop::collection::vec(0usize..24, 12..40), n in 1usize..12) {
        let c = clauses_of(&bill(&words, n));
        let links = align::align(&c, &c);
        prop_assert!(links.iter().all(|l| l.kind == ChangeKind::Unchanged && !l.moved && l.old == l.new));
    }

    #[test]
    fn every_clause_is_linked_exactly_once(words in prop::collection::vec(0usize..24, 12..40), n in 2usize..12, ops in prop::collection::vec((0usize..4, 0usize..12), 0..6)) {
        let old_articles = bill(&words, n);
        let mut new_articles = old_articles.clone();
        for (op, at) in ops {
            let at = at % new_articles.len().max(1);
            match op {
                0 if new_articles.len() > 1 => { new_articles.remove(at); }
                1 => new_articles.insert(at, format!("Article 0 - Inserted {at}\n\nA wholly new provision on fees number {at}.")),
                2 => { let a = new_articles.remove(at); new_articles.push(a); }
                _ => { new_articles[at] = new_articles[at].replace("shall", "may"); }
            }
        }
        // Renumber the new version consecutively, as drafts do.
        let new_articles: Vec<String> = new_articles.iter().enumerate().map(|(i, a)| {
            let rest = a.split_once(" - ").map_or(a.as_str(), |(_, r)| r);
            format!("Article {} - {rest}", i + 1)
        }).collect();
        let (old, new) = (clauses_of(&old_articles), clauses_of(&new_articles));
        let links = align::align(&old, &new);
        let mut seen_old = vec![0; old.len()];
        let mut seen_new = vec![0; new.len()];
        for l in &links {
            for &o in &l.old { seen_old[o] += 1; }
            for &n in &l.new { seen_new[n] += 1; }
            match l.kind {
                ChangeKind::Added => prop_assert!(l.old.is_empty() && l.new.len() == 1),
                ChangeKind::Deleted => prop_assert!(l.new.is_empty() && l.old.len() == 1),
                ChangeKind::Split => prop_assert!(l.old.len() == 1 && l.new.len() >= 2),
                ChangeKind::Merged => prop_assert!(l.old.len() >= 2 && l.new.len() == 1),
                _ => prop_assert!(l.old.len() == 1 && l.new.len() == 1),
            }
        }
        prop_assert!(seen_old.iter().all(|&k| k == 1), "old {:?}", seen_old);
        prop_assert!(seen_new.iter().all(|&k| k == 1), "new {:?}", seen_new);
    }
}

#[test]
fn ops_rebuild_both_texts_for_every_change_of_the_drafts() {
    let (_d, ws) = seeded();
    for (bill, from, to) in [("a2i", "1", "4"), ("lango", "1", "3"), ("lango-en", "1", "2")] {
        let r = ws.diff(bill, from, to).expect("diff");
        let old_tree = ws.tree(bill, from).expect("old");
        let new_tree = ws.tree(bill, to).expect("new");
        let (old, new) = (align::clauses(&old_tree), align::clauses(&new_tree));
        for c in r.changes.iter().filter(|c| !c.from.iter().chain(&c.to).any(|r| r.eid.starts_with("front"))) {
            let text = |refs: &[draftwatch_core::diff::report::ClauseRef], side: &[align::Clause]| {
                refs.iter().map(|r| side.iter().find(|s| s.eid == r.eid).expect("clause").text.clone()).collect::<Vec<_>>().join("\n\n")
            };
            let rebuilt_old: String = c.ops.iter().filter(|o| o.op != OpKind::Insert).map(|o| o.text.as_str()).collect();
            let rebuilt_new: String = c.ops.iter().filter(|o| o.op != OpKind::Delete).map(|o| o.text.as_str()).collect();
            assert_eq!(rebuilt_old, text(&c.from, &old), "{bill} {:?}", c.from);
            assert_eq!(rebuilt_new, text(&c.to, &new), "{bill} {:?}", c.to);
        }
    }
}
