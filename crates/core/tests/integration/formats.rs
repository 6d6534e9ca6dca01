//! One import per format through the workspace, on files the project made
//! (tests/fixtures, drafts/) and on real corpus files.

use crate::util::{corpus, empty_workspace, fixture, import_tree, of_kind, opts};
use draftwatch_core::structure::Kind;
use std::path::Path;

fn drafts(rel: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../drafts").join(rel)
}

#[test]
fn docx_with_automatic_numbering_tracked_changes_and_footnotes() {
    let (_d, mut ws) = empty_workspace();
    let r = ws.import_file(&fixture("docx/numbered-en.docx"), &opts("d")).expect("docx");
    assert_eq!(r.version.format, "docx");
    assert!(r.version.report.iter().any(|n| n.contains("tracked changes (1 insertion, 1 deletion)")), "{:?}", r.version.report);
    let tree = ws.tree("d", "1").expect("tree");
    let arts = of_kind(&tree, Kind::Article);
    let nums: Vec<_> = arts.iter().map(|a| a.num.clone().unwrap_or_default()).collect();
    assert_eq!(nums, vec!["1", "2", "3", "4"], "numbers printed by Word's numbering");
    assert_eq!(arts[0].heading.as_deref(), Some("Purpose"));
    assert_eq!(of_kind(&tree, Kind::Note).len(), 2);
    let all = draftwatch_core::structure::walk_all(&tree).iter().map(|n| n.text.clone()).collect::<Vec<_>>().join("\n");
    assert!(all.contains("thirty") && !all.contains("fifteen"), "changes accepted");
}

#[test]
fn docx_draft_with_word_numbering_matches_its_source() {
    // drafts/a2i/v3.docx numbers its articles with Word's "Article %1." list.
    let tree = import_tree(&drafts("a2i/v3.docx"));
    let arts = of_kind(&tree, Kind::Article);
    assert_eq!(arts.len(), 40);
    assert_eq!(
        arts.iter().map(|a| a.num_value.clone().unwrap_or_default()).collect::<Vec<_>>(),
        (1..=40).map(|i| i.to_string()).collect::<Vec<_>>()
    );
    assert!(arts.iter().all(|a| a.heading.is_some()), "every article has its heading");
}

#[test]
fn khmer_docx_and_pdfs() {
    let km = import_tree(&fixture("docx/khmer.docx"));
    let arts = of_kind(&km, Kind::Article);
    assert_eq!(arts.iter().map(|a| a.num.clone().unwrap_or_default()).collect::<Vec<_>>(), vec!["១", "២", "៣"]);
    assert_eq!(arts[0].heading.as_deref(), Some("គោលបំណង"));
    let pdf = import_tree(&fixture("pdf/km.pdf"));
    let arts = of_kind(&pdf, Kind::Article);
    assert_eq!(arts.len(), 3);
    assert_eq!(arts[1].heading.as_deref(), Some("វិសាលភាព"));
    assert_eq!(arts[1].text, "ច្បាប់នេះអនុវត្តចំពោះក្រសួង និងស្ថាប័នសាធារណៈទាំងអស់។");
    let en = import_tree(&fixture("pdf/en.pdf"));
    let arts = of_kind(&en, Kind::Article);
    assert_eq!(arts.len(), 3);
    assert_eq!(arts[0].children.len(), 2, "paragraphs (1) and (2)");
    assert_eq!(arts[1].heading.as_deref(), Some("Definitions"));
    assert!(!arts[2].text.contains("-2-") && !arts[2].children.iter().any(|c| c.text.contains("-2-")), "page numbers dropped");
}

#[test]
fn markdown_hashes_are_hints_on_a_real_draft() {
    let md = std::fs::read_to_string(drafts("a2i/v1.md")).expect("v1.md");
    let plain: String = md.lines().map(|l| l.trim_start_matches('#').trim_start()).collect::<Vec<_>>().join("\n");
    let (_d, mut ws) = empty_workspace();
    ws.import_bytes(md.as_bytes(), "v1.md", &opts("m")).expect("md");
    ws.import_bytes(plain.as_bytes(), "v1.txt", &opts("m")).expect("txt");
    let a = ws.tree("m", "1").expect("md tree");
    let b = ws.tree("m", "2").expect("txt tree");
    assert_eq!(of_kind(&a, Kind::Article).len(), 39);
    // The front matter differs only by the Markdown quote marker of its first line.
    assert_eq!((a[0].kind, b[0].kind), (Kind::Front, Kind::Front));
    assert_eq!(a[0].text, b[0].text.trim_start_matches("> "));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b).skip(1) {
        assert!(x == y, "{} differs from {}", x.eid, y.eid);
    }
}

#[test]
fn html_and_xml_from_the_corpus() {
    let uk = import_tree(&corpus("uk-akn/Bill_as_amended_at_Stage_2.xml"));
    // 33 <section> elements, 16 of them inside quoted amendments.
    assert_eq!(of_kind(&uk, Kind::Clause).len(), 17);
    assert_eq!(of_kind(&uk, Kind::Part).len(), 3);
    let us = import_tree(&corpus("us-uslm/bill-version-samples-september-2024/S2731_RCS.XML"));
    assert_eq!(of_kind(&us, Kind::Clause).len(), 97);
    let de =
        import_tree(&corpus("de-legaldocml/fixtures/eli/bund/bgbl-1/2024/17/2024-01-24/1/deu/2024-01-24/regelungstext-verkuendung-2.xml"));
    assert_eq!(of_kind(&de, Kind::Article).len(), 75);
    let (_d, mut ws) = empty_workspace();
    let r = ws.import_file(&corpus("us-billsim/116/bills/hr2002/BILLS-116hr2002ih.htm"), &opts("h")).expect("htm");
    assert_eq!((r.version.format.as_str(), r.version.clauses), ("html", 5));
}
