//! End-to-end tests: the real app binary, driven over WebDriver by
//! `tauri-driver` (which starts WebKitWebDriver) in an X server.
//!
//! ```text
//! xvfb-run -a -s "-screen 0 1280x800x24" cargo test -p draftwatch-app --test e2e
//! ```
//!
//! `scripts/test.sh` installs what this needs (Xvfb, webkit2gtk-driver,
//! tauri-driver) and runs it; without them the tests fail, they never skip.
//! Each test works on its own workspace and saves screenshots under
//! `target/e2e-screenshots/`. Native dialogs cannot be clicked over WebDriver:
//! the app reads `DRAFTWATCH_PICK_FILES` and `DRAFTWATCH_SAVE_DIR` instead
//! (see src/dialogs.rs), and everything after the dialog is the real path.

mod support;

use draftwatch_core::annotate::NewAnnotation;
use draftwatch_core::positions::Organisation;
use draftwatch_core::Workspace;
use fantoccini::{Client, Locator};
use std::path::Path;
use std::time::{Duration, Instant};
use support::*;

/// Selects `needle` inside the new side of the redline, as a person would with the mouse.
async fn select_text(c: &Client, needle: &str) -> R<()> {
    let found = c
        .execute(
            r#"const [needle] = arguments;
               const root = document.querySelector('[data-testid="new-side"]');
               const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
               for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                 const i = n.textContent.indexOf(needle);
                 if (i >= 0) {
                   window.getSelection().setBaseAndExtent(n, i, n, i + needle.length);
                   return true;
                 }
               }
               return false;"#,
            vec![needle.into()],
        )
        .await?;
    assert_eq!(found, serde_json::Value::Bool(true), "{needle:?} is not in one text run of the new side");
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn import_a_draft_and_see_a_refused_file_explained() -> R<()> {
    let _one = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir()?;
    let ws = tmp.path().join("ws");
    // A fifth draft of the A2I sample: one article changed, and a file that is not UTF-8.
    let v4 = std::fs::read_to_string(repo().join("drafts/a2i/v4.md"))?;
    let v5 = v4
        .replace("Draft 4 – 14 August 2020", "Draft 5 – 1 March 2021")
        .replace("(2) This law also applies to private bodies", "(2) This law shall apply only to private bodies");
    assert_ne!(v4, v5);
    let good = tmp.path().join("a2i-draft-5.md");
    std::fs::write(&good, v5)?;
    let bad = tmp.path().join("broken.txt");
    std::fs::write(&bad, b"Article 1\n\xc3\x28 not UTF-8\n")?;
    let picks = format!("{}\n{}", good.display(), bad.display());
    let d = test_driver(tmp.path(), &[("DRAFTWATCH_PICK_FILES", Path::new(&picks))]);
    let c = session(&d, &ws).await?;

    wait(&c, "[data-bill='a2i']").await?;
    assert_eq!(count(&c, "[data-bill='a2i'] .version").await?, 4);
    c.find(Locator::Css("[data-testid='import']")).await?.click().await?;
    wait(&c, "[data-testid='import-form']").await?;
    c.find(Locator::Css("#imp-bill")).await?.select_by_value("a2i").await?;
    let label = c.find(Locator::Css("#imp-label-0")).await?;
    label.clear().await?;
    label.send_keys("Draft 5").await?;
    c.find(Locator::Css("#imp-stage")).await?.send_keys("national-assembly").await?;
    c.find(Locator::Css("[data-testid='import-run']")).await?.click().await?;
    let ok = wait_text(&c, "[data-testid='import-ok']", "Draft 5").await?;
    assert!(ok.contains("a2i"), "{ok}");
    let refused = wait_text(&c, "[data-testid='import-error']", "broken.txt").await?;
    assert!(refused.contains("not valid UTF-8"), "the refusal says why in words: {refused}");
    // The library shows the new version; the refused file added nothing.
    wait(&c, "[data-bill='a2i'] .version[data-seq='5']").await?;
    assert_eq!(count(&c, "[data-bill='a2i'] .version").await?, 5);
    shot(&c, "library-import").await?;
    c.close().await?;

    let ws = Workspace::open(&ws)?;
    let versions = ws.versions("a2i")?;
    assert_eq!(versions.len(), 5);
    assert_eq!(versions[4].label, "Draft 5");
    assert_eq!(versions[4].stage.as_deref(), Some("national-assembly"));
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn compare_two_drafts_and_step_through_the_changes() -> R<()> {
    let _one = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir()?;
    let d = test_driver(tmp.path(), &[]);
    let c = session(&d, &tmp.path().join("ws")).await?;

    wait(&c, "[data-testid='compare-a2i-2']").await?.click().await?;
    let summary = wait_text(&c, "[data-testid='summary']", "→").await?;
    let expected = Workspace::open(&tmp.path().join("ws"))?.diff("a2i", "1", "2")?;
    assert!(summary.contains(&format!("{} ", expected.summary.modified)), "{summary}");
    let rows = count(&c, "[data-testid='clause-row']").await?;
    assert!(rows > 10 && rows < 60, "the list is virtualised but shows the screen: {rows} rows");

    // n steps from change to change, whatever is between them.
    let first = wait(&c, "[data-testid='redline'] h2").await?.text().await?;
    c.find(Locator::Css("[data-testid='next-change']")).await?.click().await?;
    let second = c.find(Locator::Css("[data-testid='redline'] h2")).await?.text().await?;
    assert_ne!(first, second);
    // Keys work from the list: n forward, p back.
    let selected = c.find(Locator::Css(".clause-row.selected")).await?;
    selected.send_keys("n").await?;
    let third = c.find(Locator::Css("[data-testid='redline'] h2")).await?.text().await?;
    assert_ne!(second, third);
    c.find(Locator::Css(".clause-row.selected")).await?.send_keys("p").await?;
    assert_eq!(c.find(Locator::Css("[data-testid='redline'] h2")).await?.text().await?, second);
    // Every change the list shows as changed has a redline with an insertion, a deletion or a move.
    let changed_only = c.find(Locator::Css("[data-testid='changed-only']")).await?;
    changed_only.click().await?;
    let changed_rows = count(&c, ".clause-row.changed").await?;
    assert_eq!(changed_rows, count(&c, "[data-testid='clause-row']").await?);
    shot(&c, "compare-side-by-side").await?;

    c.find(Locator::Css("[data-testid='view-inline']")).await?.click().await?;
    wait(&c, ".inline").await?;
    c.find(Locator::Css("[data-testid='history-toggle']")).await?.click().await?;
    let history = wait_text(&c, "[data-testid='history']", "Draft 1").await?;
    assert!(history.contains("Draft 4"), "the history walks every version: {history}");
    shot(&c, "compare-inline-history").await?;
    c.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn annotate_a_khmer_selection() -> R<()> {
    let _one = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir()?;
    let ws = tmp.path().join("ws");
    let d = test_driver(tmp.path(), &[]);
    let c = session(&d, &ws).await?;

    wait(&c, "[data-testid='compare-lango-3']").await?.click().await?;
    wait(&c, "[data-testid='summary']").await?;
    // Find Article 11 (refusal of registration) by its heading.
    c.find(Locator::Css(".filters input[placeholder]")).await?.send_keys("ការបដិសេធ").await?;
    wait_text(&c, ".clause-row", "១១").await?;
    c.find(Locator::Css(".clause-row")).await?.click().await?;
    wait_text(&c, "[data-testid='redline'] h2", "១១").await?;
    select_text(&c, "ការចុះបញ្ជី").await?;
    c.find(Locator::Css("[data-testid='annotate']")).await?.click().await?;
    let form = wait(&c, "[data-testid='annotation-form']").await?;
    assert!(form.text().await?.contains("ការចុះបញ្ជី"), "the form quotes the selection");
    c.find(Locator::Css("[data-testid='author']")).await?.send_keys("Sokha").await?;
    c.find(Locator::Css("[data-testid='ann-title']")).await?.send_keys("ការបដិសេធដោយគ្មានហេតុផល").await?;
    c.find(Locator::Css("[data-testid='ann-concern']")).await?.send_keys("No reasons are required for a refusal.").await?;
    c.find(Locator::Css("[data-testid='ann-recommendation']")).await?.send_keys("Require written reasons and a right of appeal.").await?;
    c.find(Locator::Css("[data-testid='annotation-form'] .rights input")).await?.click().await?;
    c.find(Locator::Css("[data-testid='ann-save']")).await?.click().await?;
    let note = wait_text(&c, "[data-testid='note']", "ការបដិសេធដោយគ្មានហេតុផល").await?;
    assert!(note.contains("ការចុះបញ្ជី"), "the margin shows the quote: {note}");
    shot(&c, "annotate-khmer").await?;
    c.close().await?;

    // Stored as a quote of that clause, at the place selected.
    let ws = Workspace::open(&ws)?;
    let list = ws.annotations(&Default::default())?;
    assert_eq!(list.len(), 1);
    let a = &list[0];
    assert_eq!(a.author, "Sokha");
    assert_eq!(a.clause.as_ref().and_then(|c| c.num.as_deref()), Some("១១"));
    let q = a.quote.as_ref().expect("a quote");
    assert_eq!(q.exact, "ការចុះបញ្ជី");
    let text = draftwatch_core::align::clause_text(&ws.clause("lango", "3", "១១")?);
    let at: String = text.chars().skip(q.start as usize).take(q.exact.chars().count()).collect();
    assert_eq!(at, q.exact, "the stored offset points at the selected words");
    assert_eq!(a.rights.len(), 1);
    Ok(())
}

/// A workspace with two annotations on LANGO draft 2 and one organisation.
fn workspace_with_annotations(dir: &Path) -> R<()> {
    let mut ws = Workspace::open(dir)?;
    ws.org_add(&Organisation {
        uid: String::new(),
        short_name: "CCC".into(),
        name: "Cooperation Committee for Cambodia".into(),
        name_km: Some("គណៈកម្មាធិការសហប្រតិបត្តិការដើម្បីកម្ពុជា".into()),
        contact: None,
    })?;
    for (clause, title, rec) in
        [("៨", "ការចុះបញ្ជីជាកាតព្វកិច្ច", "Make registration voluntary."), ("១១", "ការបដិសេធដោយគ្មានហេតុផល", "Require written reasons for a refusal.")]
    {
        ws.annotate_add(&NewAnnotation {
            bill: "lango".into(),
            version: "2".into(),
            clause: clause.into(),
            quote: None,
            quote_start: None,
            title: title.into(),
            concern: "Restricts freedom of association.".into(),
            recommendation: rec.into(),
            proposed: None,
            delete_clause: false,
            rights: vec!["association".into()],
            impact: Some("restricts".into()),
            refs: vec!["ICCPR art. 22".into()],
            tags: vec![],
            status: None,
            author: "e2e".into(),
            org: Some("CCC".into()),
        })?;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn build_a_joint_position_and_export_it() -> R<()> {
    let _one = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir()?;
    let ws = tmp.path().join("ws");
    workspace_with_annotations(&ws)?;
    let out = tmp.path().join("exports");
    std::fs::create_dir_all(&out)?;
    let d = test_driver(tmp.path(), &[("DRAFTWATCH_SAVE_DIR", &out)]);
    let c = session(&d, &ws).await?;

    wait(&c, "[data-screen='positions']").await?.click().await?;
    wait(&c, "[data-testid='position-new']").await?.click().await?;
    wait(&c, "[data-testid='position-form']").await?;
    c.find(Locator::Css("#pn-bill")).await?.select_by_value("lango").await?;
    wait(&c, "#pn-version option[value='2']").await?;
    c.find(Locator::Css("#pn-version")).await?.select_by_value("2").await?;
    c.find(Locator::Css("[data-testid='position-title']")).await?.send_keys("សេចក្តីថ្លែងការណ៍រួម LANGO").await?;
    c.find(Locator::Css("[data-testid='position-create']")).await?.click().await?;
    wait(&c, "[data-testid='position-editor']").await?;
    for n in 1..=2 {
        click(&c, "[data-testid='position-add-item']").await?;
        let started = Instant::now();
        while count(&c, "[data-testid='position-item']").await? < n {
            assert!(started.elapsed() < Duration::from_secs(20), "item {n} never appeared");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    // Reorder: the second recommendation first.
    let second = wait_text(&c, ".items li:nth-child(2) strong", "2. ").await?;
    click(&c, ".items li:nth-child(2) button[aria-label]").await?;
    wait_text(&c, ".items li:nth-child(1) strong", second.trim_start_matches("2. ")).await?;
    // CCC endorses.
    c.find(Locator::Css("select[aria-label]")).await?.select_by_value("CCC").await?;
    c.find(Locator::XPath("//button[normalize-space()='Record']")).await?.click().await?;
    wait_text(&c, ".endorsements", "CCC").await?;

    // The scorecard against the adopted law (draft 3): one outcome per recommendation.
    c.find(Locator::XPath("//button[normalize-space()='Score']")).await?.click().await?;
    wait(&c, "[data-testid='scorecard'] tr").await?;
    assert_eq!(count(&c, "[data-testid='scorecard'] tr").await?, 2);
    let card = wait_text(&c, "[data-testid='scorecard']", "adopted").await?;
    let expected = Workspace::open(&ws)?.position_track(1, "3")?;
    assert_eq!(expected.items.len(), 2);
    for s in &expected.items {
        assert!(card.contains(&s.title), "{card}");
    }

    // PDF goes through LibreOffice, which scripts/test.sh installs.
    let formats = [("docx", b"PK".as_slice()), ("pdf", b"%PDF".as_slice()), ("md", b"#".as_slice()), ("html", b"<!".as_slice())];
    for (format, check) in formats {
        c.find(Locator::Css(&format!("[data-testid='export-{format}']"))).await?.click().await?;
        let done = wait_text(&c, "[data-testid='export-done']", &format!(".{format}")).await?;
        let path = out.join(format!("សេចក្តីថ្លែងការណ៍រួម LANGO.{format}"));
        assert!(done.contains(&path.display().to_string()), "{done}");
        let bytes = std::fs::read(&path)?;
        assert!(bytes.starts_with(check), "{format} starts with {:?}", &bytes[..8.min(bytes.len())]);
        if format == "md" || format == "html" {
            let text = String::from_utf8(bytes)?;
            assert!(text.contains("Require written reasons for a refusal."), "{format}");
            assert!(text.contains("Make registration voluntary."), "{format}");
            assert!(
                text.find("Require written reasons").unwrap() < text.find("Make registration voluntary").unwrap(),
                "{format} keeps the order set in the window"
            );
            assert!(text.contains("CCC"), "{format} lists the endorsing organisation");
        }
        // Let the notice change before the next export.
        c.execute("document.querySelector('[data-testid=\"export-done\"]')?.remove()", vec![]).await?;
    }
    shot(&c, "position-export").await?;
    c.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn search_in_khmer_and_open_a_result() -> R<()> {
    let _one = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir()?;
    let d = test_driver(tmp.path(), &[]);
    let c = session(&d, &tmp.path().join("ws")).await?;

    // The window in Khmer.
    wait(&c, "[data-testid='lang-switch']").await?.click().await?;
    wait_text(&c, "[data-screen='search']", "ស្វែងរក").await?;
    c.find(Locator::Css("[data-screen='search']")).await?.click().await?;
    let input = wait(&c, "[data-testid='search-input']").await?;
    input.send_keys("ការចុះបញ្ជី\u{e007}").await?; // typed, then Enter
    wait(&c, "[data-testid='search-hit']").await?;
    let total = c.find(Locator::Css("[data-testid='search-total']")).await?.text().await?;
    let n: usize = total.split_whitespace().next().unwrap_or("0").parse()?;
    assert!(n >= 5, "{total}");
    let marks = c.find_all(Locator::Css("[data-testid='search-hit'] mark")).await?;
    assert!(!marks.is_empty());
    assert!(marks[0].text().await?.contains("ចុះបញ្ជី"), "the match is marked");
    shot(&c, "search-khmer").await?;

    let first = c.find(Locator::Css("[data-testid='search-hit']")).await?;
    let num = first.attr("data-num").await?.expect("a clause hit has a number");
    first.click().await?;
    wait(&c, "[data-testid='redline']").await?;
    wait(&c, "[data-testid='history'] li").await?;
    let head = c.find(Locator::Css("[data-testid='redline'] h2")).await?.text().await?;
    assert!(head.contains(&num), "the hit on clause {num} opens it: {head:?}");
    shot(&c, "search-open-compare").await?;
    c.close().await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn review_a_carried_forward_annotation() -> R<()> {
    let _one = ONE_AT_A_TIME.lock().await;
    let tmp = tempfile::tempdir()?;
    let ws_dir = tmp.path().join("ws");
    // An annotation on A2I draft 4, then a draft 5 that rewrites that clause.
    {
        let mut ws = Workspace::open(&ws_dir)?;
        ws.annotate_add(&NewAnnotation {
            bill: "a2i".into(),
            version: "4".into(),
            clause: "2".into(),
            quote: Some("private bodies that perform a public function".into()),
            quote_start: None,
            title: "Private bodies".into(),
            concern: "c".into(),
            recommendation: "r".into(),
            proposed: None,
            delete_clause: false,
            rights: vec!["information".into()],
            impact: Some("protects".into()),
            refs: vec![],
            tags: vec![],
            status: None,
            author: "e2e".into(),
            org: None,
        })?;
        let v4 = std::fs::read_to_string(repo().join("drafts/a2i/v4.md"))?;
        let v5 = v4.replace(
            "(2) This law also applies to private bodies that perform a public function or receive public funds, to the extent of that function or those funds.",
            "(2) Private entities contracted by the State are covered only where a ministerial order so provides.",
        );
        assert_ne!(v4, v5);
        let f = tmp.path().join("v5.md");
        std::fs::write(&f, v5)?;
        ws.import_file(&f, &draftwatch_core::ImportOptions { bill: "a2i".into(), label: Some("Draft 5".into()), ..Default::default() })?;
        assert_eq!(ws.review_queue(None)?.len(), 1, "the rewrite needs a person");
    }
    let d = test_driver(tmp.path(), &[]);
    let c = session(&d, &ws_dir).await?;
    wait(&c, "[data-screen='review']").await?.click().await?;
    let item = wait_text(&c, "[data-testid='review-item']", "Private bodies").await?;
    assert!(item.contains("ministerial order"), "the new text is shown: {item}");
    assert!(item.contains("public function"), "the old text is shown: {item}");
    shot(&c, "review").await?;
    // Deciding records who decided: without a name the window asks for one.
    c.find(Locator::XPath("//button[normalize-space()='Close (no longer applies)']")).await?.click().await?;
    wait_text(&c, "[role='alert']", "Set your name in Settings").await?;
    c.find(Locator::Css("[data-screen='settings']")).await?.click().await?;
    wait(&c, "#st-author").await?.send_keys("Dara\t").await?;
    c.find(Locator::Css("[data-screen='review']")).await?.click().await?;
    wait(&c, "[data-testid='review-item']").await?;
    c.find(Locator::XPath("//button[normalize-space()='Close (no longer applies)']")).await?.click().await?;
    wait_text(&c, "main", "Nothing to review").await?;
    c.close().await?;
    let ws = Workspace::open(&ws_dir)?;
    assert!(ws.review_queue(None)?.is_empty());
    let a = &ws.annotations(&Default::default())?[0];
    assert_eq!(a.status, draftwatch_core::annotate::Status::Withdrawn);
    let history = ws.annotation(a.id)?.history;
    assert!(history.iter().any(|e| e.author == "Dara"), "{history:?}");
    Ok(())
}
