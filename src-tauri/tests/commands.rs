//! The app's commands through Tauri's real IPC layer (argument names,
//! serialisation, errors as `{code, message}`), without a window, on a
//! temporary workspace. The arguments are the JSON that ui/src/lib/commands.ts
//! sends (camelCase names), so a renamed argument fails here.

use draftwatch_app_lib::{commands, AppState};
use draftwatch_core::Workspace;
use serde_json::{json, Value};
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY};
use tauri::WebviewWindow;

struct App {
    _app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    _dir: tempfile::TempDir,
}

fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path()).unwrap();
    let app = mock_builder().manage(AppState::new(ws)).invoke_handler(commands::handler()).build(mock_context(noop_assets())).unwrap();
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    App { _app: app, window, _dir: dir }
}

/// Calls `cmd` with `args`: the value, or the error object.
fn call(a: &App, cmd: &str, args: Value) -> Result<Value, Value> {
    tauri::test::get_ipc_response(
        &a.window,
        tauri::webview::InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: tauri::ipc::InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().unwrap())
}

/// Search options as the Search screen sends them.
fn search_options() -> Value {
    json!({"bill": null, "version": null, "right": null, "org": null, "status": null, "impact": null, "latest": false, "group": false, "limit": 50})
}

#[test]
fn library_and_comparison_come_through_with_the_uis_argument_names() {
    let a = app();
    let bills = call(&a, "list_bills", json!({})).unwrap();
    let slugs: Vec<&str> = bills.as_array().unwrap().iter().map(|b| b["slug"].as_str().unwrap()).collect();
    assert!(slugs.contains(&"lango") && slugs.contains(&"a2i"), "{slugs:?}");
    let versions = call(&a, "list_versions", json!({"bill": "lango"})).unwrap();
    assert_eq!(versions.as_array().unwrap().len(), 3);

    let report = call(&a, "compare", json!({"bill": "lango", "from": "2", "to": "3"})).unwrap();
    assert_eq!(report["from"]["seq"], 2);
    assert_eq!(report["to"]["seq"], 3);
    let summary = &report["summary"];
    assert!(summary["split"].as_u64().unwrap() >= 1 && summary["merged"].as_u64().unwrap() >= 1, "{summary}");

    let history = call(&a, "clause_history", json!({"bill": "lango", "version": "3", "clause": "១១"})).unwrap();
    assert_eq!(history.as_array().unwrap().len(), 3, "{history}");
}

#[test]
fn errors_arrive_as_code_and_sentence_and_change_nothing() {
    let a = app();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"Article 1\n\xc3\x28\n").unwrap();
    let err = call(&a, "import_file", json!({"path": bad, "options": {"bill": "lango", "title": null, "label": null, "date": null, "lang": null, "stage": null, "provenance": null, "format": null}}))
        .unwrap_err();
    assert_eq!(err["code"], "bad_encoding", "{err}");
    assert!(err["message"].as_str().unwrap().contains("not valid UTF-8"), "{err}");
    assert_eq!(call(&a, "list_versions", json!({"bill": "lango"})).unwrap().as_array().unwrap().len(), 3);

    let err = call(&a, "compare", json!({"bill": "nope", "from": "1", "to": "2"})).unwrap_err();
    assert_eq!(err["code"], "not_found", "{err}");
    let err = call(&a, "search", json!({"query": "\"unclosed", "options": search_options()})).unwrap_err();
    assert_eq!(err["code"], "invalid_query", "{err}");
    // A missing argument is refused by the IPC layer itself, in words.
    let err = call(&a, "list_versions", json!({})).unwrap_err();
    assert!(err.as_str().unwrap_or_default().contains("bill"), "{err}");
}

#[test]
fn khmer_search_finds_words_inside_unspaced_text() {
    let a = app();
    let r = call(&a, "search", json!({"query": "ការចុះបញ្ជី", "options": search_options()})).unwrap();
    assert!(r["total"].as_u64().unwrap() >= 5, "{}", r["total"]);
    let hit = &r["hits"][0];
    assert_eq!(hit["bill"], "lango");
    let marks = hit["marks"].as_array().unwrap();
    assert!(!marks.is_empty());
    // Marks are code points into the snippet.
    let snippet: Vec<char> = hit["snippet"].as_str().unwrap().chars().collect();
    let (s, e) = (marks[0][0].as_u64().unwrap() as usize, marks[0][1].as_u64().unwrap() as usize);
    let marked: String = snippet[s..e].iter().collect();
    assert!(marked.contains("ចុះបញ្ជី"), "{marked}");
}

#[test]
fn annotate_then_build_and_score_a_position() {
    let a = app();
    let new = json!({
        "bill": "lango", "version": "2", "clause": "១១", "quote": null, "quote_start": null,
        "title": "Refusal without reasons", "concern": "c", "recommendation": "Require written reasons.",
        "proposed": null, "delete_clause": false, "rights": ["association"], "impact": "restricts",
        "refs": [], "tags": [], "status": null, "author": "Sokha", "org": null
    });
    let ann = call(&a, "annotate_add", json!({"annotation": new})).unwrap();
    let id = ann["id"].as_i64().unwrap();
    assert_eq!(ann["anchor"], "placed");
    let edit = json!({"title": null, "concern": null, "recommendation": null, "proposed": null, "delete_clause": null,
        "rights": null, "impact": "strongly_restricts", "refs": null, "tags": null, "status": "agreed", "org": null});
    let edited = call(&a, "annotate_edit", json!({"id": id, "edit": edit, "author": "Dara"})).unwrap();
    assert_eq!(edited["impact"], "strongly_restricts");
    let detail = call(&a, "annotation", json!({"id": id})).unwrap();
    assert!(detail["history"].as_array().unwrap().iter().any(|e| e["author"] == "Dara"));

    let pos = call(
        &a,
        "position_new",
        json!({"bill": "lango", "version": "2", "title": "Joint statement", "intro": "", "closing": "", "lang": null}),
    )
    .unwrap();
    let pid = pos["id"].as_i64().unwrap();
    assert_eq!(pos["lang"], "km", "a position on a Khmer version is written in Khmer");
    call(&a, "position_add", json!({"id": pid, "annotation": id, "at": null})).unwrap();
    let org = call(
        &a,
        "org_add",
        json!({"org": {"uid": "", "short_name": "CCC", "name": "Cooperation Committee for Cambodia", "name_km": null, "contact": null}}),
    )
    .unwrap();
    call(&a, "position_endorse", json!({"id": pid, "org": org["short_name"], "state": "endorsed", "date": "2026-11-28", "note": null}))
        .unwrap();
    let detail = call(&a, "position", json!({"id": pid})).unwrap();
    assert_eq!(detail["items"].as_array().unwrap().len(), 1);
    assert_eq!(detail["endorsements"][0]["state"], "endorsed");
    let card = call(&a, "position_track", json!({"id": pid, "against": "3"})).unwrap();
    assert_eq!(card["items"].as_array().unwrap().len(), 1);
    assert!(card["items"][0]["outcome"].is_string());
}

#[test]
fn every_declared_command_is_registered_and_permitted() {
    let a = app();
    for sig in commands::signatures() {
        // The dialog command would open a dialog; it is driven in tests/e2e.rs.
        if sig.name == "pick_import_files" {
            continue;
        }
        // Called with no arguments: a command that exists answers (often that an
        // argument is missing); one that is not registered says it was not found.
        let answer = call(&a, sig.name, json!({}));
        let text = format!("{answer:?}");
        assert!(!text.contains("not found") || text.contains("code"), "{}: {text}", sig.name);
        if sig.args.is_empty() {
            assert!(answer.is_ok(), "{}: {text}", sig.name);
        }
    }
    let unknown = call(&a, "drop_all_tables", json!({})).unwrap_err();
    assert!(unknown.as_str().unwrap_or_default().contains("not found"), "{unknown}");
}
