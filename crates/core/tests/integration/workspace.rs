//! Workspace behaviour: metadata, sources kept byte for byte, version references, seeding.

use crate::util::{empty_workspace, fixture, opts};
use draftwatch_core::workspace::{Provenance, Workspace};

#[test]
fn import_keeps_metadata_and_the_original_bytes() {
    let (_dir, mut ws) = empty_workspace();
    let text = "DRAFT LAW\n\nCHAPTER 1\nGENERAL PROVISIONS\n\nArticle 1 - Purpose\n\nThis Law shall guarantee access.\n\nArticle 2 - Scope\n\n(1) It applies to public bodies.\n(2) It applies to private bodies that perform public functions.\n";
    let mut o = opts("a2i");
    o.title = Some("Draft Law on Access to Information".into());
    o.label = Some("Draft 2".into());
    o.date = Some("2019-01-14".into());
    o.stage = Some("consultation".into());
    o.provenance = Some(Provenance::Leaked);
    let report = ws.import_bytes(text.as_bytes(), "draft2.txt", &o).expect("import");
    let v = &report.version;
    assert_eq!((v.seq, v.label.as_str(), v.date.as_deref(), v.stage.as_deref()), (1, "Draft 2", Some("2019-01-14"), Some("consultation")));
    assert_eq!((v.provenance.as_str(), v.lang.as_str(), v.format.as_str(), v.clauses), ("leaked", "en", "txt", 2));
    let stored = std::fs::read(ws.root().join("sources").join(&v.sha256)).expect("source kept");
    assert_eq!(stored, text.as_bytes());
    let bills = ws.bills().expect("bills");
    assert_eq!(bills[0].title, "Draft Law on Access to Information");
    // References: number, label (any case), latest.
    assert_eq!(ws.version_info("a2i", "1").unwrap().label, "Draft 2");
    assert_eq!(ws.version_info("a2i", "draft 2").unwrap().seq, 1);
    assert_eq!(ws.version_info("a2i", "latest").unwrap().seq, 1);
    assert!(ws.version_info("a2i", "9").unwrap_err().to_string().contains("has no version \"9\""));
    let clause = ws.clause("a2i", "latest", "2").expect("clause 2");
    assert_eq!(clause.children.len(), 2);
}

#[test]
fn utf16_text_imports() {
    let (_dir, mut ws) = empty_workspace();
    let r = ws.import_file(&fixture("text/utf16-bom.txt"), &opts("u")).expect("utf-16");
    assert!(r.version.clauses >= 1, "{:?}", r.version);
}

#[test]
fn new_workspace_is_seeded_with_the_sample_drafts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = Workspace::open(dir.path()).expect("open");
    let bills = ws.bills().expect("bills");
    let slugs: Vec<&str> = bills.iter().map(|b| b.slug.as_str()).collect();
    assert_eq!(slugs, vec!["a2i", "lango", "lango-en"]);
    assert!(bills.iter().all(|b| b.illustrative));
    assert_eq!(bills[2].translation_of.as_deref(), Some("lango"));
    for b in &bills {
        assert!(b.versions >= 2, "{}", b.slug);
        for v in ws.versions(&b.slug).expect("versions") {
            assert!(v.clauses >= 10, "{} {}: {} clauses", b.slug, v.label, v.clauses);
        }
    }
    // Article counts of every sample version, as written in drafts/*/CHANGES.md.
    let counts = |slug: &str| ws.versions(slug).expect("versions").iter().map(|v| v.clauses).collect::<Vec<_>>();
    assert_eq!(counts("a2i"), vec![39, 41, 40, 40]);
    assert_eq!(counts("lango"), vec![31, 32, 31]);
    assert_eq!(counts("lango-en"), vec![32, 31]);
    let a2i = ws.versions("a2i").expect("a2i");
    assert!(a2i.iter().any(|v| v.format == "docx"), "one version is a DOCX");
    assert!(ws.versions("lango").expect("lango").iter().all(|v| v.lang == "km"));
    // Opening again does not seed twice.
    drop(ws);
    let ws = Workspace::open(dir.path()).expect("reopen");
    assert_eq!(ws.bills().expect("bills").len(), 3);
}
