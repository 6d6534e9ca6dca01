//! The CLI contract: output shapes, error sentences and exit status.

mod support;

use std::process::Command;
use support::draftwatch;

#[test]
fn import_show_json_and_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("d1.txt");
    std::fs::write(&file, "Chapter 1 - Scope\n\nArticle 1 - Purpose\n\n(1) This Law applies.\n(2) It applies everywhere.\n")
        .expect("write");
    let ws = dir.path().join("ws");
    let (ok, out, err) = draftwatch(
        &ws,
        &["import", file.to_str().unwrap(), "--bill", "demo", "--label", "Draft 1", "--date", "2020-01-02", "--provenance", "official"],
    );
    assert!(ok, "{err}");
    assert!(out.contains("as version 1 of demo"), "{out}");
    let (ok, out, _) = draftwatch(&ws, &["--json", "show", "demo", "1"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let chapter = &v[0];
    assert_eq!(chapter["kind"], "chapter");
    assert_eq!(chapter["eid"], "chp_1");
    assert_eq!(chapter["heading"], "Scope");
    let art = &chapter["children"][0];
    for key in ["eid", "kind", "num", "num_value", "heading", "text", "children"] {
        assert!(art.get(key).is_some(), "missing {key}");
    }
    assert_eq!(art["children"][1]["num"], "(2)");
    assert_eq!(art["children"][1]["text"], "It applies everywhere.");
    let (ok, out, _) = draftwatch(&ws, &["show", "demo", "latest", "--clause", "1"]);
    assert!(ok);
    assert!(out.contains("Article 1 — Purpose") && out.contains("It applies everywhere."), "{out}");
    let (ok, out, _) = draftwatch(&ws, &["--json", "versions", "demo"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v[0]["provenance"], "official");
    // The same file again: one sentence on stderr, non-zero exit.
    let (ok, out, err) = draftwatch(&ws, &["import", file.to_str().unwrap(), "--bill", "demo"]);
    assert!(!ok);
    assert!(out.is_empty());
    assert_eq!(err.trim(), "draftwatch: already imported as version 1 of demo");
    let (ok, _, err) = draftwatch(&ws, &["show", "nope", "1"]);
    assert!(!ok);
    assert!(err.contains("there is no bill \"nope\""), "{err}");
    assert_eq!(err.trim().lines().count(), 1);
}

#[test]
fn workspace_from_the_environment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = Command::new(env!("CARGO_BIN_EXE_draftwatch"))
        .env("DRAFTWATCH_WORKSPACE", dir.path())
        .args(["--json", "bills"])
        .output()
        .expect("run");
    assert!(out.status.success());
    assert!(dir.path().join("draftwatch.db").is_file());
    let bills: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(bills.as_array().map(|a| a.len()), Some(3), "seeded with the sample bills");
}

#[test]
fn search_json_text_and_index_rebuild() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = dir.path().join("ws");
    let (ok, out, err) = draftwatch(&ws, &["--json", "search", "\"prior permission\"", "--bill", "lango-en", "--limit", "1"]);
    assert!(ok, "{err}");
    assert!(err.contains("Building the search index"), "progress on stderr: {err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["total"], 2);
    let hit = &v["hits"][0];
    for key in ["bill", "version", "label", "num", "eid", "heading", "snippet", "score"] {
        assert!(hit.get(key).is_some(), "{key} missing in {hit}");
    }
    assert_eq!(hit["bill"], "lango-en");
    assert_eq!(hit["num"], "12");
    assert_eq!(v["facets"]["bill"]["lango-en"], 2);
    assert_eq!(v["hits"].as_array().unwrap().len(), 1);

    let (ok, out, _) = draftwatch(&ws, &["search", "ចុះបញ្ជី", "--bill", "lango", "--latest", "--no-color", "--group"]);
    assert!(ok);
    assert!(out.contains("[ចុះបញ្ជី]"), "{out}");
    assert!(out.contains("lango v3"), "{out}");

    let (ok, _, err) = draftwatch(&ws, &["search", "(unclosed"]);
    assert!(!ok);
    assert!(err.starts_with("draftwatch: cannot read the search query"), "{err}");

    let (ok, out, err) = draftwatch(&ws, &["index", "rebuild"]);
    assert!(ok, "{err}");
    assert!(out.starts_with("Search index rebuilt: "), "{out}");
}

#[test]
fn annotate_org_right_commands() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = dir.path().join("ws");
    let (ok, out, err) = draftwatch(&ws, &["org", "add", "CCC", "--name", "Cooperation Committee for Cambodia"]);
    assert!(ok, "{err}");
    assert!(out.contains("Added organisation CCC"), "{out}");
    let (ok, out, err) = draftwatch(
        &ws,
        &[
            "--json",
            "annotate",
            "add",
            "lango-en",
            "1",
            "12",
            "--quote",
            "prior permission",
            "--title",
            "Prior permission",
            "--right",
            "association",
            "--impact",
            "strongly-restricts",
            "--ref",
            "ICCPR Art. 22",
            "--org",
            "CCC",
            "--author",
            "Sokha",
            "--proposed",
            "notification",
        ],
    );
    assert!(ok, "{err}");
    let a: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(a["impact"], "strongly_restricts");
    assert_eq!(a["quote"]["exact"], "prior permission");
    assert_eq!(a["clause"]["num"], "12");
    let id = a["id"].as_i64().unwrap().to_string();
    let (ok, out, _) = draftwatch(&ws, &["annotate", "reply", &id, "Agreed.", "--author", "Dara"]);
    assert!(ok, "{out}");
    let (ok, out, _) = draftwatch(&ws, &["annotate", "show", &id]);
    assert!(ok);
    assert!(out.contains("quote: \"prior permission\"") && out.contains("reply by Dara"), "{out}");
    let (ok, out, _) = draftwatch(&ws, &["annotate", "list", "--right", "association"]);
    assert!(ok && out.contains("Prior permission"), "{out}");
    let (ok, out, _) = draftwatch(&ws, &["search", "permission", "--org", "CCC", "--no-color"]);
    assert!(ok && out.contains(&format!("annotation {id}: Prior permission")), "{out}");
    let (ok, out, _) = draftwatch(&ws, &["annotate", "review"]);
    assert!(ok && out.contains("Nothing needs review"), "{out}");
    let (ok, _, err) = draftwatch(&ws, &["annotate", "review", &id]);
    assert!(!ok && err.contains("--confirm, --reattach CLAUSE"), "{err}");
    let (ok, _, err) = draftwatch(&ws, &["annotate", "add", "lango-en", "1", "12", "--title", "x", "--right", "nope"]);
    assert!(!ok && err.contains("not a right of the taxonomy"), "{err}");
    let (ok, out, _) = draftwatch(&ws, &["right", "list"]);
    assert!(ok && out.contains("association") && out.contains("សេរីភាពសមាគម"), "{out}");
    let (ok, out, _) = draftwatch(&ws, &["annotate", "delete", &id, "--author", "Sokha"]);
    assert!(ok && out.contains("Deleted annotation"), "{out}");
}

#[test]
fn position_export_and_bundle_commands() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = dir.path().join("ws");
    let run = |args: &[&str]| {
        let (ok, out, err) = draftwatch(&ws, args);
        assert!(ok, "{args:?}: {err}");
        out
    };
    run(&["org", "add", "CCC", "--name", "Cooperation Committee for Cambodia"]);
    let a: serde_json::Value = serde_json::from_str(&run(&[
        "--json",
        "annotate",
        "add",
        "a2i",
        "2",
        "6",
        "--quote",
        "Every person",
        "--title",
        "Who may ask",
        "--proposed",
        "Every person",
        "--right",
        "information",
        "--org",
        "CCC",
    ]))
    .unwrap();
    let id = a["id"].to_string();
    let p: serde_json::Value = serde_json::from_str(&run(&["--json", "position", "new", "a2i", "2", "--title", "Joint position"])).unwrap();
    let pid = p["id"].to_string();
    run(&["position", "add", &pid, &id]);
    run(&["position", "endorse", &pid, "CCC", "--date", "2019-02-01"]);
    let card = run(&["position", "track", &pid, "--against", "3"]);
    assert!(card.contains("| 1 | Who may ask | 6 | 6 | not adopted |"), "{card}");
    let html = dir.path().join("p.html");
    run(&["position", "export", &pid, "--format", "html", "-o", html.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&html).unwrap().contains("Cooperation Committee for Cambodia (CCC)"));
    let (ok, _, err) = draftwatch(&ws, &["position", "export", &pid, "--format", "odt"]);
    assert!(!ok && err.contains("docx, pdf, md or html"), "{err}");
    let akn = run(&["export", "version", "a2i", "2"]);
    assert!(akn.contains("<article eId=\"chp_2__art_6\">"), "{}", &akn[..500]);
    let csv = run(&["export", "annotations", "--format", "csv"]);
    assert!(csv.lines().count() == 2 && csv.contains("Who may ask"), "{csv}");
    let docx = dir.path().join("c.docx");
    run(&["diff", "a2i", "2", "3", "--format", "docx", "-o", docx.to_str().unwrap()]);
    assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"));
    let bundle = dir.path().join("a2i.dwbundle");
    run(&["bundle", "export", "a2i", "-o", bundle.to_str().unwrap()]);
    let other = dir.path().join("other");
    let (ok, out, err) = draftwatch(&other, &["--json", "bundle", "import", bundle.to_str().unwrap()]);
    assert!(ok, "{err}");
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    // The other workspace was seeded with the same a2i drafts: only the annotation work is new.
    assert_eq!((r["versions_added"].as_u64(), r["annotations_added"].as_u64(), r["positions_added"].as_u64()), (Some(0), Some(1), Some(1)));
}

/// `--changed-only` leaves out the clauses nothing happened to (same text,
/// number and place), in JSON as in text; the summary still counts them.
/// Khmer drafts: LANGO v1 → v2 renumbers most articles and keeps three as
/// they were.
#[test]
fn diff_changed_only_leaves_out_what_did_not_change() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (a, b) = (support::draft("lango/v1.md"), support::draft("lango/v2.txt"));
    let run = |extra: &[&str]| {
        let mut args = vec!["diff", "--files", a.to_str().unwrap(), b.to_str().unwrap(), "--no-color"];
        args.extend(extra);
        let (ok, out, err) = draftwatch(dir.path(), &args);
        assert!(ok, "{err}");
        out
    };
    let all: serde_json::Value = serde_json::from_str(&run(&["--format", "json"])).unwrap();
    let some: serde_json::Value = serde_json::from_str(&run(&["--format", "json", "--changed-only"])).unwrap();
    let changed = |c: &&serde_json::Value| c["kind"] != "unchanged" || c["renumbered"] == true || c["moved"] == true;
    let every = all["changes"].as_array().unwrap();
    let kept: Vec<&serde_json::Value> = every.iter().filter(changed).collect();
    assert_eq!(every.len() - kept.len(), 3);
    assert_eq!(some["changes"].as_array().unwrap().iter().collect::<Vec<_>>(), kept);
    assert_eq!(some["summary"], all["summary"]);
    let unchanged = |text: &str| text.matches("(text unchanged)").count();
    assert_eq!(unchanged(&run(&["--format", "text"])) - unchanged(&run(&["--format", "text", "--changed-only"])), 3);
}
