//! Bad input: each file is refused with a sentence that says what is wrong, and
//! the workspace (database rows and stored sources) is exactly as before.

use crate::util::{empty_workspace, fixture, opts, snapshot};
use draftwatch_core::workspace::Workspace;

/// Imports `bytes` into a workspace holding one good version; asserts refusal
/// with a message containing `expect`, and an unchanged workspace.
fn refused(name: &str, bytes: &[u8], expect: &str) {
    let (_dir, mut ws) = empty_workspace();
    ws.import_bytes(b"Article 1 - Scope\n\nThis Law applies.\n", "good.txt", &opts("b")).expect("good import");
    let before = snapshot(&ws);
    let err = ws.import_bytes(bytes, name, &opts("b")).expect_err(name);
    let msg = err.to_string();
    assert!(msg.contains(expect), "{name}: {msg}");
    assert_eq!(snapshot(&ws), before, "{name}: workspace changed");
}

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(fixture(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn empty_file() {
    refused("empty.txt", &read("bad/empty.txt"), "the file is empty");
}

#[test]
fn binary_junk() {
    refused("junk.bin", &read("bad/junk.bin"), "binary data");
}

#[test]
fn invalid_utf8() {
    refused("latin1.txt", &read("bad/latin1.txt"), "not valid UTF-8");
}

#[test]
fn truncated_docx() {
    refused("truncated.docx", &read("docx/truncated.docx"), "DOCX file is damaged");
}

#[test]
fn docx_zip_bomb() {
    refused("bomb.docx", &read("docx/bomb.docx"), "zip bomb");
}

#[test]
fn zip_without_document() {
    refused("not-a-docx.zip", &read("docx/not-a-docx.zip"), "DOCX file is damaged");
}

#[test]
fn scanned_pdf() {
    refused("scanned.pdf", &read("pdf/scanned.pdf"), "no text layer: the file looks scanned");
}

#[test]
fn legacy_word_file() {
    let mut doc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    doc.extend(std::iter::repeat_n(0u8, 512));
    refused("old.doc", &doc, "legacy Word .doc");
}

#[test]
fn xml_external_entity_is_never_resolved() {
    let (_dir, mut ws) = empty_workspace();
    let bytes = read("xml/xxe.xml");
    // Either refused or imported; never with the entity's target in the text.
    if ws.import_bytes(&bytes, "xxe.xml", &opts("x")).is_ok() {
        let tree = ws.tree("x", "latest").expect("tree");
        let all: String = draftwatch_core::structure::walk_all(&tree).iter().map(|n| n.text.clone()).collect();
        assert!(!all.contains("root:"), "external entity was resolved");
    }
}

#[test]
fn a_200_mb_text_file_is_refused_by_the_size_limit() {
    let (dir, mut ws) = empty_workspace();
    let path = dir.path().join("huge.txt");
    let f = std::fs::File::create(&path).expect("create");
    f.set_len(200 * 1024 * 1024).expect("sparse file");
    let before = snapshot(&ws);
    let err = ws.import_file(&path, &opts("h")).expect_err("too large");
    assert_eq!(err.code(), "too_large");
    assert!(err.to_string().contains("at most 67108864 bytes (64 MiB)"), "{err}");
    assert_eq!(snapshot(&ws), before);
}

#[test]
fn same_file_twice() {
    let (_dir, mut ws) = empty_workspace();
    let text = "Article 1 - Scope\n\nThis Law applies.\n";
    ws.import_bytes(text.as_bytes(), "a.txt", &opts("dup")).expect("first");
    let before = snapshot(&ws);
    let err = ws.import_bytes(text.as_bytes(), "copy.txt", &opts("other")).expect_err("second");
    assert_eq!(err.to_string(), "already imported as version 1 of dup");
    assert_eq!(snapshot(&ws), before);
}

#[test]
fn failure_inside_the_transaction_leaves_nothing() {
    // A label already in use is detected inside the transaction, after the
    // bill row was written: the rollback must remove it and no source may stay.
    let (_dir, mut ws) = empty_workspace();
    let mut o = opts("tx");
    o.label = Some("Draft 1".into());
    ws.import_bytes(b"Article 1 - A\n\nText one.\n", "1.txt", &o).expect("first");
    let before = snapshot(&ws);
    let err = ws.import_bytes(b"Article 1 - A\n\nText two.\n", "2.txt", &o).expect_err("label taken");
    assert!(err.to_string().contains("already has a version labelled \"Draft 1\""), "{err}");
    assert_eq!(snapshot(&ws), before);
    let mut fresh = opts("new-bill");
    fresh.label = Some("x".into());
    fresh.date = Some("2019-02-30".into());
    let err = ws.import_bytes(b"Article 1 - A\n\nText three.\n", "3.txt", &fresh).expect_err("bad date");
    assert!(err.to_string().contains("is not a date"), "{err}");
    assert_eq!(snapshot(&ws), before);
    drop(ws);
    // Reopening sees the same state.
    let ws = Workspace::open_with(_dir.path(), false).expect("reopen");
    assert_eq!(snapshot(&ws), before);
}
