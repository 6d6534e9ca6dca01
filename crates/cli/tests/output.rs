//! What commands print beyond their results: errors with a stable code
//! (`{"code", "message"}` on stderr under `--json`, exit status 1), and a
//! sentence, or the resulting object under `--json`, from the commands that
//! change something or write a file.

mod support;

use serde_json::Value;
use support::{draft, draftwatch, run};

/// Runs a command that must fail: (exit status, stdout, stderr).
fn failing(ws: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = run(ws, args);
    (
        out.status.code().expect("exit status"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs a failing command with `--json`: its error object, after checking it is one line on stderr and exit status `status`.
fn json_error(ws: &std::path::Path, args: &[&str], status: i32) -> Value {
    let mut all = vec!["--json"];
    all.extend(args);
    let (code, out, err) = failing(ws, &all);
    assert_eq!(code, status, "{args:?}: {err}");
    assert!(out.is_empty(), "{out}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    let v: Value = serde_json::from_str(&err).expect("the error is JSON");
    assert_eq!(v.as_object().map(|o| o.len()), Some(2), "code and message: {v}");
    v
}

#[test]
fn errors_under_json_have_a_code_and_the_same_sentence() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = dir.path().join("ws");

    let e = json_error(&ws, &["show", "nosuch", "latest"], 1);
    assert_eq!(e["code"], "not_found");
    let (code, _, err) = failing(&ws, &["show", "nosuch", "latest"]);
    assert_eq!((code, err.trim_end()), (1, format!("draftwatch: {}", e["message"].as_str().unwrap()).as_str()));
    assert!(err.contains("there is no bill \"nosuch\""), "{err}");

    // Khmer: a clause number in Khmer digits that the bill does not have.
    let e = json_error(&ws, &["annotate", "add", "lango", "1", "៩៩៩", "--title", "ការចុះបញ្ជី"], 1);
    assert_eq!(e["code"], "not_found");
    assert!(e["message"].as_str().unwrap().contains("\"៩៩៩\""), "{e}");

    // The same Khmer draft again: already imported.
    let lango = draft("lango/v1.md");
    let e = json_error(&ws, &["import", lango.to_str().unwrap(), "--bill", "lango"], 1);
    assert_eq!(e["code"], "already_imported");
    assert_eq!(e["message"], "already imported as version 1 of lango");

    let e = json_error(&ws, &["annotate", "add", "lango-en", "1", "12", "--title", "x", "--right", "nope"], 1);
    assert_eq!(e["code"], "invalid");
    assert!(e["message"].as_str().unwrap().contains("not a right of the taxonomy"), "{e}");
    assert_eq!(json_error(&ws, &["import", lango.to_str().unwrap(), "--bill", "x", "--format", "odt"], 1)["code"], "invalid");
    assert_eq!(json_error(&ws, &["export", "version", "lango", "1", "--format", "xml"], 1)["code"], "invalid");

    // The CLI's own failures: usage, a file that cannot be read.
    let e = json_error(&ws, &["annotate", "review", "1"], 1);
    assert_eq!(e["code"], "usage");
    assert!(e["message"].as_str().unwrap().starts_with("say what to do: --confirm"), "{e}");
    assert_eq!(json_error(&ws, &["diff", "lango", "1"], 1)["code"], "usage");
    let missing = dir.path().join("missing.dwbundle");
    let e = json_error(&ws, &["bundle", "import", missing.to_str().unwrap()], 1);
    assert_eq!(e["code"], "io");
    assert!(e["message"].as_str().unwrap().starts_with(missing.to_str().unwrap()), "{e}");

    // What clap refuses is bad usage too (status 2), in JSON under --json.
    let e = json_error(&ws, &["position", "add", "1"], 2);
    assert_eq!(e["code"], "usage");
    assert!(e["message"].as_str().unwrap().contains("<ANNOTATION>"), "{e}");
    let (code, _, err) = failing(&ws, &["position", "add", "1"]);
    assert!(code == 2 && err.starts_with("error: ") && err.contains("Usage:"), "{err}");
}

#[test]
fn commands_that_printed_nothing_say_what_they_did() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = dir.path().join("ws");
    let ok = |args: &[&str]| {
        let (ok, out, err) = draftwatch(&ws, args);
        assert!(ok, "{args:?}: {err}");
        out
    };
    let json = |args: &[&str]| -> Value {
        let mut all = vec!["--json"];
        all.extend(args);
        serde_json::from_str(&ok(&all)).expect("json")
    };

    ok(&["org", "add", "CCC", "--name", "Cooperation Committee for Cambodia"]);
    // A position on the Khmer LANGO draft, with a Khmer annotation as its item.
    let a = json(&["annotate", "add", "lango", "1", "៨", "--title", "ការចុះបញ្ជី", "--right", "association", "--org", "CCC"]);
    let id = a["id"].to_string();
    let p = json(&["position", "new", "lango", "1", "--title", "ជំហររួម"]);
    let pid = p["id"].to_string();

    assert_eq!(ok(&["position", "add", &pid, &id]), format!("Annotation {id} is an item of position {pid}.\n"));
    let d = json(&["position", "add", &pid, &id, "--at", "1"]);
    assert_eq!((d["id"].to_string(), d["title"].as_str()), (pid.clone(), Some("ជំហររួម")));
    assert_eq!(d["items"][0]["annotation"]["title"], "ការចុះបញ្ជី");

    let e = json(&["position", "endorse", &pid, "CCC"]);
    assert_eq!((e["org"]["short_name"].as_str(), e["state"].as_str()), (Some("CCC"), Some("endorsed")));
    let today = e["date"].as_str().unwrap();
    assert!(today.len() == 10 && today.as_bytes()[4] == b'-', "today's date: {today}");
    assert_eq!(ok(&["position", "endorse", &pid, "CCC", "--state", "declined"]), format!("CCC: declined on {today}.\n"));

    let d = json(&["position", "remove", &pid, &id]);
    assert_eq!(d["items"].as_array().map(Vec::len), Some(0));
    assert_eq!(d["endorsements"][0]["state"], "declined");
    assert_eq!(ok(&["position", "add", &pid, &id]), format!("Annotation {id} is an item of position {pid}.\n"));

    // Rights: a sentence, or the right as the taxonomy holds it.
    assert_eq!(ok(&["right", "add", "housing", "--en", "Housing", "--km", "សិទ្ធិលំនៅដ្ឋាន"]), "Added right housing.\n");
    let r = json(&["right", "add", "water", "--en", "Water", "--ref", "ICESCR Art. 11"]);
    assert_eq!(r, serde_json::json!({"id": "water", "en": "Water", "km": "", "refs": ["ICESCR Art. 11"], "builtin": false}));

    // Exports to a file: where and how much, in a sentence or as {path, bytes}.
    let akn = dir.path().join("lango-1.akn.xml");
    let said = ok(&["export", "version", "lango", "1", "-o", akn.to_str().unwrap()]);
    let size = std::fs::metadata(&akn).expect("written").len();
    assert_eq!(said, format!("Wrote {} ({size} bytes).\n", akn.display()));
    let csv = dir.path().join("a.csv");
    let w = json(&["export", "annotations", "--format", "csv", "-o", csv.to_str().unwrap()]);
    let text = std::fs::read_to_string(&csv).expect("written");
    assert!(text.contains("ការចុះបញ្ជី"), "{text}");
    assert_eq!(w, serde_json::json!({"path": csv.to_str().unwrap(), "bytes": text.len()}));
    let html = dir.path().join("p.html");
    let w = json(&["position", "export", &pid, "--format", "html", "-o", html.to_str().unwrap()]);
    assert_eq!(w["bytes"].as_u64(), Some(std::fs::metadata(&html).expect("written").len()));
    let bundle = dir.path().join("lango.dwbundle");
    let w = json(&["bundle", "export", "lango", "-o", bundle.to_str().unwrap()]);
    assert_eq!(w["bytes"].as_u64(), Some(std::fs::metadata(&bundle).expect("written").len()));
    let docx = dir.path().join("a2i.docx");
    let said = ok(&["diff", "a2i", "2", "3", "--format", "docx", "-o", docx.to_str().unwrap()]);
    assert!(said.starts_with(&format!("Wrote {} (", docx.display())) && said.ends_with(" bytes).\n"), "{said}");
    // Without --output, the export itself is the output, as before.
    assert!(ok(&["export", "annotations", "--format", "csv"]).contains("ការចុះបញ្ជី"));
}
