//! Alignment against the ground truth written into drafts/*/CHANGES.md: every
//! row (old article → new articles, kind, and whether the text change is
//! cosmetic or substantive) must be found exactly.

use draftwatch_core::align::{self, ChangeKind};
use draftwatch_core::workspace::Workspace;
use std::collections::BTreeMap;
use std::path::Path;

/// One row of a CHANGES.md table.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    old: Option<String>,
    new: Vec<String>,
    kind: String,
    text: String,
}

/// The tables of a CHANGES.md, one per consecutive pair of versions, in order.
fn tables(bill: &str) -> Vec<Vec<Row>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../drafts").join(bill).join("CHANGES.md");
    let text = std::fs::read_to_string(path).expect("CHANGES.md");
    let mut out: Vec<Vec<Row>> = Vec::new();
    for line in text.lines() {
        if line.starts_with("## ") && line.contains('→') {
            out.push(Vec::new());
            continue;
        }
        let Some(table) = out.last_mut() else { continue };
        if !line.starts_with("| ") || line.starts_with("| Old") {
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        if cells.len() < 4 {
            continue;
        }
        let num = |s: &str| if s == "—" || s.is_empty() { None } else { Some(s.to_string()) };
        table.push(Row {
            old: num(cells[0]),
            new: cells[1].split(',').filter_map(|s| num(s.trim())).collect(),
            kind: cells[2].to_string(),
            text: cells[3].to_string(),
        });
    }
    out
}

/// What we found, in the same shape: old number → (new numbers, kind).
/// Old number → (new numbers, kind, moved).
type Found = BTreeMap<String, (Vec<String>, String, bool)>;

fn found(ws: &Workspace, bill: &str, from: i64) -> (Found, Vec<String>) {
    let old = align::clauses(&ws.tree(bill, &from.to_string()).expect("old"));
    let new = align::clauses(&ws.tree(bill, &(from + 1).to_string()).expect("new"));
    let links = align::align(&old, &new);
    let val = |c: &align::Clause| c.num_value.clone().unwrap_or_default();
    let mut by_old = BTreeMap::new();
    let mut added = Vec::new();
    for l in &links {
        let news: Vec<String> = l.new.iter().map(|&n| val(&new[n])).collect();
        let kind = match l.kind {
            ChangeKind::Unchanged => "identical",
            ChangeKind::Modified => "modified",
            ChangeKind::Split => "split",
            ChangeKind::Merged => "merged",
            ChangeKind::Added => "added",
            ChangeKind::Deleted => "deleted",
        };
        if l.old.is_empty() {
            added.extend(news);
            continue;
        }
        for &o in &l.old {
            by_old.insert(val(&old[o]), (news.clone(), kind.to_string(), l.moved));
        }
    }
    (by_old, added)
}

fn check(bill: &str) {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = Workspace::open(dir.path()).expect("seeded workspace");
    let mut errors = Vec::new();
    let mut links = 0;
    for (i, table) in tables(bill).iter().enumerate() {
        let from = i as i64 + 1;
        let (by_old, added) = found(&ws, bill, from);
        // The "Text" column: cosmetic or substantive, as the diff classifies it.
        let report = ws.diff(bill, &from.to_string(), &(from + 1).to_string()).expect("diff");
        let substantive: BTreeMap<String, bool> = report
            .changes
            .iter()
            .filter(|c| c.from.len() == 1)
            .map(|c| (c.from[0].num_value.clone().unwrap_or_default(), c.substantive))
            .collect();
        for row in table {
            if let (Some(old), "cosmetic" | "substantive") = (&row.old, row.text.as_str()) {
                if matches!(row.kind.as_str(), "modified" | "moved" | "renumbered")
                    && substantive.get(old) != Some(&(row.text == "substantive"))
                {
                    errors.push(format!("v{from}: old {old} should be {}, found substantive = {:?}", row.text, substantive.get(old)));
                }
            }
            links += 1;
            let Some(old) = &row.old else {
                if !row.new.iter().all(|n| added.contains(n)) {
                    errors.push(format!("v{from}: new {:?} should be added; added = {added:?}", row.new));
                }
                continue;
            };
            let Some((news, kind, moved)) = by_old.get(old) else {
                errors.push(format!("v{from}: old {old} not in the alignment"));
                continue;
            };
            let expect_kind = match row.kind.as_str() {
                "split" | "merged" | "deleted" => row.kind.clone(),
                _ if row.text == "identical" => "identical".to_string(),
                _ => "modified".to_string(),
            };
            if *news != row.new || *kind != expect_kind {
                errors.push(format!("v{from}: old {old}: expected {:?} {expect_kind}, found {news:?} {kind}", row.new));
            }
            if row.kind == "moved" && !moved {
                errors.push(format!("v{from}: old {old} should be marked moved"));
            }
        }
    }
    assert!(links > 20, "{bill}: tables were read");
    assert!(errors.is_empty(), "{bill}: {} of {links} rows wrong:\n{}", errors.len(), errors.join("\n"));
}

#[test]
fn a2i_matches_its_ground_truth() {
    check("a2i");
}

#[test]
fn lango_matches_its_ground_truth() {
    check("lango");
}

#[test]
fn lango_translation_matches_its_ground_truth() {
    check("lango-en");
}

/// EU AI Act, Commission proposal (2021) → Regulation (EU) 2024/1689: the pairs
/// we could establish by reading both texts (headings and provisions side by
/// side). Articles were renumbered throughout; number-based pairing is wrong
/// for most of them (e.g. proposal Art. 52 on transparency is final Art. 50).
#[test]
fn eu_ai_act_proposal_to_final() {
    let (_d, mut ws) = crate::util::empty_workspace();
    ws.import_file(&crate::util::ai_act("commission-2021"), &crate::util::opts("ai")).expect("proposal");
    ws.import_file(&crate::util::ai_act("final-2024"), &crate::util::opts("ai")).expect("final");
    let old = align::clauses(&ws.tree("ai", "1").expect("old"));
    let new = align::clauses(&ws.tree("ai", "2").expect("new"));
    let links = align::align(&old, &new);
    let num = |c: &align::Clause| c.num.clone().unwrap_or_default();
    let mut pairs: BTreeMap<String, (Vec<String>, ChangeKind)> = BTreeMap::new();
    for l in &links {
        for &o in &l.old {
            pairs.insert(num(&old[o]), (l.new.iter().map(|&n| num(&new[n])).collect(), l.kind));
        }
    }
    let one_to_one = [
        ("1", "1"),
        ("2", "2"),
        ("3", "3"),
        ("5", "5"),
        ("7", "7"),
        ("8", "8"),
        ("9", "9"),
        ("10", "10"),
        ("11", "11"),
        ("12", "12"),
        ("13", "13"),
        ("14", "14"),
        ("15", "15"),
        ("16", "16"),
        ("17", "17"),
        ("20", "19"),
        ("23", "21"),
        ("26", "23"),
        ("27", "24"),
        ("29", "26"),
        ("30", "28"),
        ("31", "29"),
        ("32", "30"),
        ("35", "35"),
        ("37", "37"),
        ("38", "38"),
        ("39", "39"),
        ("40", "40"),
        ("41", "41"),
        ("43", "43"),
        ("46", "45"),
        ("47", "46"),
        ("48", "47"),
        ("49", "48"),
        ("52", "50"),
        ("53", "57"),
        ("54", "59"),
        ("59", "70"),
        ("61", "72"),
        ("62", "73"),
        ("66", "81"),
        ("67", "82"),
        ("68", "83"),
        ("69", "95"),
        ("70", "78"),
        ("71", "99"),
        ("72", "100"),
        ("73", "97"),
        ("74", "98"),
        ("75", "102"),
        ("76", "103"),
        ("77", "104"),
        ("78", "105"),
        ("79", "106"),
        ("80", "107"),
        ("81", "108"),
        ("82", "109"),
        ("83", "111"),
        ("84", "112"),
        ("85", "113"),
    ];
    let mut wrong = Vec::new();
    for (o, n) in one_to_one {
        match pairs.get(o) {
            Some((news, _)) if news.first().map(String::as_str) == Some(n) => {}
            other => wrong.push(format!("proposal {o} → final {n}: found {other:?}")),
        }
    }
    // Final Art. 20 "Corrective actions and duty of information" merges proposal Arts. 21 and 22.
    for o in ["21", "22"] {
        match pairs.get(o) {
            Some((news, ChangeKind::Merged)) if news == &vec!["20".to_string()] => {}
            other => wrong.push(format!("proposal {o} should merge into 20: {other:?}")),
        }
    }
    assert!(wrong.is_empty(), "{} wrong:\n{}", wrong.len(), wrong.join("\n"));
}

/// The synthetic 2,000-article pair of `bench/gen_bill.py` (two seeds), whose
/// true alignment the generator writes down: every kept, modified and moved
/// article linked right, every split and merge named as such, every deletion
/// found, no false link. Bills whose chapters share a heading style and a
/// domain vocabulary are where a matcher pairs a deleted article with an
/// added one far away.
#[test]
fn synthetic_pairs_match_the_generators_truth() {
    for seed in ["7", "42"] {
        let dir = tempfile::tempdir().expect("tempdir");
        let gen = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../bench/gen_bill.py");
        let out = std::process::Command::new(crate::util::python3())
            .arg(&gen)
            .args(["--articles", "2000", "--seed", seed, "--out-dir"])
            .arg(dir.path())
            .output()
            .expect("python3");
        assert!(out.status.success(), "gen_bill.py: {}", String::from_utf8_lossy(&out.stderr));
        let old = align::clauses(&crate::util::import_tree(&dir.path().join("old.txt")));
        let new = align::clauses(&crate::util::import_tree(&dir.path().join("new.txt")));
        let truth: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join("truth.json")).expect("truth")).expect("json");

        let num = |c: &align::Clause| c.num.clone().unwrap_or_default();
        let mut found: BTreeMap<String, (Vec<String>, ChangeKind)> = BTreeMap::new();
        let mut added = Vec::new();
        for l in align::align(&old, &new) {
            let news: Vec<String> = l.new.iter().map(|&n| num(&new[n])).collect();
            for &o in &l.old {
                found.insert(num(&old[o]), (news.clone(), l.kind));
            }
            if l.kind == ChangeKind::Added {
                added.extend(news);
            }
        }
        let mut wrong = Vec::new();
        let mut count: BTreeMap<String, usize> = BTreeMap::new();
        for (o, t) in truth["old"].as_object().expect("old") {
            let kind = t["kind"].as_str().expect("kind");
            *count.entry(kind.to_string()).or_default() += 1;
            let mut want: Vec<String> = t["new"].as_array().expect("new").iter().map(|v| v.as_str().unwrap().to_string()).collect();
            want.sort_by_key(|n| n.parse::<usize>().unwrap_or(0));
            let expected_kind = match kind {
                "deleted" => Some(ChangeKind::Deleted),
                "split" => Some(ChangeKind::Split),
                "merged" => Some(ChangeKind::Merged),
                "modified" => Some(ChangeKind::Modified),
                _ => None, // unchanged or moved: unchanged text, any number
            };
            match found.get(o) {
                Some((news, k)) if *news == want && expected_kind.is_none_or(|e| e == *k) => {}
                other => wrong.push(format!("old {o} ({kind}) → {want:?}: found {other:?}")),
            }
        }
        let mut want_added: Vec<String> =
            truth["added"].as_array().expect("added").iter().map(|v| v.as_str().unwrap().to_string()).collect();
        want_added.sort();
        added.sort();
        if added != want_added {
            wrong.push(format!("added: found {added:?}, truth {want_added:?}"));
        }
        // The pair really has every kind of change in it.
        for kind in ["deleted", "split", "merged", "modified", "moved"] {
            assert!(count.get(kind).copied().unwrap_or(0) >= 5, "seed {seed}: too few {kind}: {count:?}");
        }
        assert!(wrong.is_empty(), "seed {seed}: {} wrong:\n{}", wrong.len(), wrong.join("\n"));
    }
}
