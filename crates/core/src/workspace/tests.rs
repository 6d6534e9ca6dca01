//! The workspace facade on a temporary folder: an import is one transaction,
//! versions and clauses are found by number, label or Khmer numeral, dates
//! and slugs are checked, a new workspace is seeded once.
//!
//! The small bills and helpers here are shared with the unit tests of
//! `annotate`, `positions` and `export` (`crate::workspace::tests::*`).

use std::path::Path;

use sha2::{Digest, Sha256};

use super::{detect_lang, ImportOptions, ImportReport, Provenance, Workspace};
use crate::error::Error;

/// An English bill, first draft: three articles in one chapter.
pub(crate) const EN_V1: &str = "Chapter 1 - General provisions

Article 1 - Purpose

This Law governs access to information held by public bodies.

Article 2 - Fees

(1) Submitting a request shall be free of charge.
(2) A public body may charge a fee for copies, which shall not exceed the actual cost of reproduction.

Article 3 - Exemptions

A public body may refuse a request that concerns national security or the privacy of a person.
";

/// The second draft: a new Article 2 (Definitions), Fees renumbered 3 with
/// the same words, Exemptions deleted.
pub(crate) const EN_V2: &str = "Chapter 1 - General provisions

Article 1 - Purpose

This Law governs access to information held by public bodies.

Article 2 - Definitions

In this Law, a public body is any ministry, institution or authority established by law.

Article 3 - Fees

(1) Submitting a request shall be free of charge.
(2) A public body may charge a fee for copies, which shall not exceed the actual cost of reproduction.
";

/// A Khmer bill, first draft: purpose and registration.
pub(crate) const KM_V1: &str = "ជំពូកទី ១
បទប្បញ្ញត្តិទូទៅ

មាត្រា ១ ៖ គោលបំណង

ច្បាប់នេះមានគោលបំណងកំណត់អំពីការបង្កើត និងការចុះបញ្ជីសមាគម ។

មាត្រា ២ ៖ ការចុះបញ្ជី

សមាគមក្នុងស្រុកត្រូវចុះបញ្ជីនៅក្រសួងមហាផ្ទៃ មុនពេលធ្វើសកម្មភាព ។
";

/// The second draft: a new Article ២ (definitions); registration renumbered ៣, same words.
pub(crate) const KM_V2: &str = "ជំពូកទី ១
បទប្បញ្ញត្តិទូទៅ

មាត្រា ១ ៖ គោលបំណង

ច្បាប់នេះមានគោលបំណងកំណត់អំពីការបង្កើត និងការចុះបញ្ជីសមាគម ។

មាត្រា ២ ៖ និយមន័យ

សមាគម សំដៅដល់ក្រុមមនុស្សដែលរួបរួមគ្នាដោយស្ម័គ្រចិត្ត ។

មាត្រា ៣ ៖ ការចុះបញ្ជី

សមាគមក្នុងស្រុកត្រូវចុះបញ្ជីនៅក្រសួងមហាផ្ទៃ មុនពេលធ្វើសកម្មភាព ។
";

/// A fresh workspace without the sample bills.
pub(crate) fn empty() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = Workspace::open_with(dir.path(), false).expect("open workspace");
    (dir, ws)
}

/// Import options: bill slug and version label.
pub(crate) fn opts(bill: &str, label: &str) -> ImportOptions {
    ImportOptions { bill: bill.into(), label: Some(label.into()), ..ImportOptions::default() }
}

/// Imports `text` as a version labelled `label` of `bill`.
pub(crate) fn import(ws: &mut Workspace, bill: &str, label: &str, text: &str) -> ImportReport {
    ws.import_bytes(text.as_bytes(), &format!("{label}.txt"), &opts(bill, label)).unwrap_or_else(|e| panic!("{bill} {label}: {e}"))
}

/// What a workspace holds: row counts of every table an import or an
/// annotation writes, each annotation's (id, version, clause, anchor), and the
/// source files.
type State = (Vec<i64>, Vec<(i64, i64, Option<i64>, String)>, Vec<String>);

fn state(ws: &Workspace) -> State {
    let tables =
        ["bills", "versions", "sources", "provisions", "clause_links", "annotations", "annotation_placements", "annotation_events"];
    let counts =
        tables.iter().map(|t| ws.conn().query_row(&format!("SELECT COUNT(*) FROM {t}"), [], |r| r.get(0)).expect("count")).collect();
    let mut stmt = ws.conn().prepare("SELECT id, version_id, provision_id, anchor FROM annotations ORDER BY id").expect("prepare");
    let placed =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).expect("query").collect::<Result<_, _>>().expect("rows");
    let mut files: Vec<String> = std::fs::read_dir(ws.root().join("sources"))
        .expect("sources")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    (counts, placed, files)
}

fn sha(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

#[test]
fn an_import_is_one_transaction_and_a_refused_file_changes_nothing() {
    let (_d, mut ws) = empty();
    import(&mut ws, "ati", "Draft 1", EN_V1);
    let na = crate::annotate::NewAnnotation {
        bill: "ati".into(),
        version: "1".into(),
        clause: "2".into(),
        title: "Fees".into(),
        author: "tester".into(),
        ..Default::default()
    };
    ws.annotate_add(&na).expect("annotate");
    let before = state(&ws);
    let refused = |ws: &mut Workspace, bytes: &[u8], o: &ImportOptions| ws.import_bytes(bytes, "d2.txt", o).expect_err("refused");

    // Checked before anything is written.
    let e = refused(&mut ws, EN_V2.as_bytes(), &ImportOptions { date: Some("2019-02-30".into()), ..opts("ati", "Draft 2") });
    assert_eq!((e.code(), e.field()), ("invalid", Some("date")), "{e}");
    let e = refused(&mut ws, EN_V2.as_bytes(), &opts("Not A Slug", "Draft 2"));
    assert_eq!((e.code(), e.field()), ("invalid", Some("bill")), "{e}");
    let e = refused(&mut ws, EN_V1.as_bytes(), &opts("ati", "Again"));
    assert_eq!(e.code(), "already_imported");
    assert_eq!(e.to_string(), "already imported as version 1 of ati");
    let e = refused(&mut ws, b"\n\n   \n", &opts("ati", "Blank"));
    assert!(matches!(e, Error::Refused { .. }), "{e:?}");
    assert_eq!(state(&ws), before);

    // Refused inside the transaction, after the bill was looked up.
    let e = refused(&mut ws, EN_V2.as_bytes(), &opts("ati", "Draft 1"));
    assert_eq!(e.code(), "conflict");
    assert_eq!(state(&ws), before);

    // Refused at the last step: every row is in (the version, its clauses,
    // its links, the annotation carried), then the original file cannot be
    // written. The rows go back with the transaction.
    let blocker = ws.root().join("sources").join(format!("{}.tmp", sha(EN_V2.as_bytes())));
    std::fs::create_dir_all(&blocker).expect("blocker");
    let before = state(&ws);
    let e = refused(&mut ws, EN_V2.as_bytes(), &opts("ati", "Draft 2"));
    assert_eq!(e.code(), "io", "{e}");
    assert_eq!(state(&ws), before);
    // A new bill is not left behind either.
    let e = refused(&mut ws, EN_V2.as_bytes(), &opts("other", "Draft 2"));
    assert_eq!(e.code(), "io", "{e}");
    assert_eq!(state(&ws), before);
    assert!(ws.versions("other").is_err());

    std::fs::remove_dir(&blocker).expect("unblock");
    let r = import(&mut ws, "ati", "Draft 2", EN_V2);
    assert_eq!((r.version.seq, r.new_bill, r.annotations_carried), (2, false, 1));
    assert_ne!(state(&ws), before, "the same import, unblocked, writes");
}

#[test]
fn the_original_file_is_kept_byte_for_byte() {
    let (_d, mut ws) = empty();
    let r = import(&mut ws, "ati", "Draft 1", EN_V1);
    assert!(r.new_bill);
    assert_eq!(r.version.sha256, sha(EN_V1.as_bytes()));
    assert_eq!(std::fs::read(ws.root().join("sources").join(&r.version.sha256)).expect("source"), EN_V1.as_bytes());
    assert_eq!((r.version.clauses, r.version.provenance.as_str(), r.version.lang.as_str()), (3, "unofficial", "en"));
    // Chapter, three articles, two numbered paragraphs of Article 2.
    assert!(r.provisions >= 6, "{}", r.provisions);
    assert_eq!(ws.bills().expect("bills")[0].versions, 1);
}

#[test]
fn versions_are_found_by_number_label_or_latest() {
    let (_d, mut ws) = empty();
    import(&mut ws, "ati", "Draft 1", EN_V1);
    import(&mut ws, "ati", "Draft 2", EN_V2);
    assert_eq!(ws.version_info("ati", "1").unwrap().label, "Draft 1");
    assert_eq!(ws.version_info("ati", "draft 2").unwrap().seq, 2, "labels ignore case");
    assert_eq!(ws.version_info("ati", " latest ").unwrap().seq, 2);
    assert_eq!(ws.versions("ati").unwrap().iter().map(|v| v.seq).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(ws.clause("ati", "1", "3").unwrap().heading.as_deref(), Some("Exemptions"));
    assert_eq!(ws.clause("ati", "latest", "3").unwrap().heading.as_deref(), Some("Fees"));

    for e in [
        ws.version_info("ati", "3").unwrap_err(),
        ws.version_info("ati", "Draft 9").unwrap_err(),
        ws.versions("nope").unwrap_err(),
        ws.tree("nope", "1").unwrap_err(),
        ws.clause("ati", "2", "4").unwrap_err(),
        ws.diff("ati", "1", "7").unwrap_err(),
    ] {
        assert_eq!(e.code(), "not_found", "{e}");
    }
    assert_eq!(ws.versions("nope").unwrap_err().to_string(), "there is no bill \"nope\" in this workspace; `draftwatch bills` lists them");
}

#[test]
fn khmer_clauses_are_found_by_khmer_or_arabic_numerals() {
    let (_d, mut ws) = empty();
    let o = ImportOptions { bill: "k".into(), ..ImportOptions::default() };
    let r = ws.import_bytes(KM_V1.as_bytes(), "សេចក្តីព្រាងទី១.txt", &o).expect("import");
    assert_eq!(r.version.lang, "km", "detected from the script");
    assert_eq!(r.version.label, "សេចក្តីព្រាងទី១", "the label defaults to the file name");
    let by_khmer = ws.clause("k", "សេចក្តីព្រាងទី១", "២").expect("២");
    let by_arabic = ws.clause("k", "1", "2").expect("2");
    assert_eq!(by_khmer, by_arabic);
    assert_eq!(by_khmer.heading.as_deref(), Some("ការចុះបញ្ជី"));
    assert_eq!(ws.clause("k", "1", &by_khmer.eid).expect("by eId").num.as_deref(), Some("២"));
    let e = ws.clause("k", "1", "៩").unwrap_err();
    assert_eq!(e.code(), "not_found");
    assert!(e.to_string().contains("no clause numbered \"៩\""), "{e}");
}

#[test]
fn the_language_is_detected_from_the_text() {
    let (_d, mut ws) = empty();
    import(&mut ws, "en", "1", EN_V1);
    import(&mut ws, "km", "1", KM_V1);
    let de =
        "Artikel 1 - Zweck\n\nDieses Gesetz regelt den Zugang zu Informationen, die der Staat und die Gemeinden nicht veröffentlichen.\n";
    import(&mut ws, "de", "1", de);
    for (bill, lang) in [("en", "en"), ("km", "km"), ("de", "de")] {
        assert_eq!(detect_lang(&ws.tree(bill, "1").unwrap()), lang);
        assert_eq!(ws.version_info(bill, "1").unwrap().lang, lang);
    }
    assert_eq!(detect_lang(&[]), "und");
}

#[test]
fn labels_default_to_the_file_name_and_stay_unique() {
    let (_d, mut ws) = empty();
    let o = ImportOptions { bill: "ati".into(), ..ImportOptions::default() };
    assert_eq!(ws.import_bytes(EN_V1.as_bytes(), "draft.txt", &o).unwrap().version.label, "draft");
    assert_eq!(ws.import_bytes(EN_V2.as_bytes(), "draft.txt", &o).unwrap().version.label, "draft (2)");
    assert_eq!(ws.import_bytes(KM_V1.as_bytes(), ".txt", &o).unwrap().version.label, "Version 3");
}

#[test]
fn a_version_date_is_a_calendar_date() {
    let (_d, mut ws) = empty();
    let dated = |date: &str| ImportOptions { date: Some(date.into()), ..opts("ati", date) };
    for bad in ["2023-02-29", "1900-02-29", "2019-13-01", "2019-04-31", "2019-1-14", "14/01/2019", "", "២០១៩-០១-១៤"] {
        let e = ws.import_bytes(EN_V1.as_bytes(), "d1.txt", &dated(bad)).unwrap_err();
        assert_eq!((e.code(), e.field()), ("invalid", Some("date")), "{bad}");
        assert_eq!(e.to_string(), format!("\"{bad}\" is not a date: write it as YYYY-MM-DD, e.g. 2019-01-14"));
    }
    assert!(ws.bills().unwrap().is_empty());
    let r = ws.import_bytes(EN_V1.as_bytes(), "d1.txt", &dated("2024-02-29")).expect("a leap day");
    assert_eq!(r.version.date.as_deref(), Some("2024-02-29"));
    ws.import_bytes(EN_V2.as_bytes(), "d2.txt", &dated("2000-02-29")).expect("a leap day of a leap century");
}

#[test]
fn provenance_names() {
    for p in [Provenance::Official, Provenance::Leaked, Provenance::Translation, Provenance::Unofficial] {
        assert_eq!(Provenance::parse(p.as_str()).unwrap(), p);
    }
    assert_eq!(Provenance::parse("LEAKED").unwrap(), Provenance::Leaked);
    let e = Provenance::parse("rumour").unwrap_err();
    assert_eq!((e.code(), e.field()), ("invalid", Some("provenance")));
}

#[test]
fn a_workspace_is_seeded_once_when_new() {
    let dir = tempfile::tempdir().expect("tempdir");
    let unseeded = dir.path().join("unseeded");
    drop(Workspace::open_with(&unseeded, false).expect("open"));
    assert!(unseeded.join("draftwatch.db").is_file() && unseeded.join("sources").is_dir());
    // Opened again, it is not new: no sample bills appear.
    assert!(Workspace::open(&unseeded).expect("reopen").bills().expect("bills").is_empty());

    let ws = Workspace::open(&dir.path().join("seeded")).expect("open");
    let bills = ws.bills().expect("bills");
    let slugs: Vec<&str> = bills.iter().map(|b| b.slug.as_str()).collect();
    assert_eq!(slugs, ["a2i", "lango", "lango-en"]);
    assert!(bills.iter().all(|b| b.illustrative && b.versions > 0));
    assert_eq!(bills[2].translation_of.as_deref(), Some("lango"));
    assert_eq!(ws.version_info("lango", "1").unwrap().lang, "km");
    assert_eq!(ws.version_info("lango", "2").unwrap().provenance, "leaked");
}

#[test]
fn a_clause_history_follows_renumbering() {
    let (_d, mut ws) = empty();
    import(&mut ws, "ati", "Draft 1", EN_V1);
    import(&mut ws, "ati", "Draft 2", EN_V2);
    let steps = ws.history("ati", "2", "3").expect("history");
    assert_eq!(steps.iter().map(|s| (s.seq, s.change.as_str())).collect::<Vec<_>>(), [(1, "added"), (2, "unchanged")]);
    assert_eq!(steps[0].clauses[0].num.as_deref(), Some("2"));
    assert_eq!(steps[1].clauses[0].num.as_deref(), Some("3"));
    assert!(steps[1].summary.contains("renumbered 2 → 3"), "{}", steps[1].summary);
    // Exemptions ends in version 1.
    let gone = ws.history("ati", "1", "3").expect("history");
    assert_eq!(gone.last().map(|s| s.change.as_str()), Some("deleted"));
}

#[test]
fn files_on_disk_are_read_and_refused_by_name() {
    let (d, mut ws) = empty();
    let path = d.path().join("d1.txt");
    std::fs::write(&path, EN_V1).expect("write");
    let r = ws.import_file(&path, &ImportOptions { bill: "ati".into(), ..ImportOptions::default() }).expect("import");
    assert_eq!(r.version.label, "d1");
    let e = ws.import_file(Path::new("/nonexistent/d9.txt"), &opts("ati", "x")).unwrap_err();
    assert_eq!(e.code(), "io");
    let junk = d.path().join("blank.txt");
    std::fs::write(&junk, "\n\n").expect("write");
    match ws.import_file(&junk, &opts("ati", "y")).unwrap_err() {
        Error::Refused { path, .. } => assert_eq!(path, junk.display().to_string(), "named as the user gave it"),
        other => panic!("{other:?}"),
    }
}
